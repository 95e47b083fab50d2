import { parseHtmlTable } from './src/html-table.js';
console.log(parseHtmlTable(`<table><thead><tr><th rowspan="2">Region</th><th colspan="2">Sales &amp; returns</th></tr>
<tr><th>2023</th><th>2024</th></tr></thead><tbody><tr><td>North<td>1<br>a</td><td>2</td></tr><tr><td colspan=3>Total: 3</td></tr></tbody></table>`));
console.log(parseHtmlTable('<p>no</p>'));

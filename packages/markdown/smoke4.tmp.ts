import { markdownToBlocks } from './src/index.js';
const md = `Here is the transcription of the page:

\`\`\`markdown
# Annual Report

Revenue grew **12%** to $5 million and costs were $3 million, see [note](http://x.y).

| Region | Q1 | Q2 |
|---|---|---|
| North | 1 | 2 | 9 |
| South | 3 |
| | | |

<table><tr><th rowspan="2">Item</th><th colspan="2">Price</th></tr><tr><th>2023</th><th>2024</th></tr><tr><td>Tea</td><td>1</td><td>2</td></tr></table>

$$
E = mc^2 \\\\ x
$$

1. one
2. two
   - sub

![img-0.jpeg](img-0.jpeg)

##

12
\`\`\`

I hope this helps!`;
console.log(JSON.stringify(markdownToBlocks(md, { width: 600, height: 800 }), (k, v) => k === 'bbox' ? undefined : v, 1));

import { pageMarkdown } from './src/index.js';
const bb: [number, number, number, number] = [0, 0, 1, 1];
console.log(pageMarkdown([
  { type: 'heading', text: 'Intro *star*', level: 1, bbox: bb },
  { type: 'paragraph', text: '1. not a list', bbox: bb },
  { type: 'paragraph', text: '# not a heading and a*b*c and $5 and $10', bbox: bb },
  { type: 'paragraph', text: '', inlines: [{ text: 'bold ', bold: true }, { text: 'both', bold: true, italic: true }, { text: ' and ' }, { text: 'x^2', math: true }, { text: ' see ' }, { text: 'here', link: 'https://e.x/a b' }, { text: ' ' }, { text: 'a`b', code: true }], bbox: bb },
  { type: 'list-item', text: '• first', marker: '•', depth: 0, bbox: bb },
  { type: 'list-item', text: 'nested', marker: '3.', ordered: true, depth: 1, bbox: bb },
  { type: 'list-item', text: 'nested2', marker: '4.', ordered: true, depth: 1, bbox: bb },
  { type: 'list-item', text: 'second', marker: '-', depth: 0, bbox: bb },
  { type: 'list-item', text: 'ordered top', marker: '1.', ordered: true, depth: 0, bbox: bb },
  { type: 'table', text: '', rows: [['a|b', 'c'], ['line1\nline2', '*x*']], bbox: bb },
  { type: 'formula', text: 'E = mc^2 \\\\ a_1', bbox: bb },
  { type: 'code', text: 'const x = 1;\n```\n', bbox: bb },
  { type: 'figure', text: '', bbox: bb },
  { type: 'figure', text: '', image: 'images/p1 fig.png', bbox: bb },
  { type: 'caption', text: ' Figure 1. A *chart* ', bbox: bb },
  { type: 'footnote', text: '1 A footnote.', bbox: bb },
  { type: 'page-number', text: '12', bbox: bb },
]));

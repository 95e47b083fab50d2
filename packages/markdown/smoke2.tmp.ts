import { documentMarkdown } from './src/index.js';
const bb: [number, number, number, number] = [0, 0, 1, 1];
console.log(documentMarkdown([
  { index: 0, blocks: [{ type: 'heading', text: 'Title', level: 1, bbox: bb }, { type: 'paragraph', text: 'The sentence goes on and the docu-', bbox: bb }], continuesPrevious: false },
  { index: 1, label: 'ii', blocks: [{ type: 'header', text: 'Running head', bbox: bb }, { type: 'paragraph', text: 'ment continues here.', bbox: bb }, { type: 'table', text: '', rows: [['Name', 'Qty'], ['a', '1']], bbox: bb }], continuesPrevious: true },
  { index: 2, blocks: [{ type: 'table', text: '', rows: [['Name', 'Qty'], ['b', '2']], bbox: bb }, { type: 'paragraph', text: 'After.', bbox: bb }], continuesPrevious: false },
  { index: 3, blocks: [], continuesPrevious: false },
]));

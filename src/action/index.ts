// Entry of the bundled action (dist/action/index.js).
import { run } from './main.js';

await run();

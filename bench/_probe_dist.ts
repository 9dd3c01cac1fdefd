import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
await tf.setBackend('wasm'); await tf.ready();
const x = tf.randomUniform([1,24,24,3]) as tf.Tensor4D; const stem = tf.randomUniform([3,3,3,32],-0.3,0.3) as tf.Tensor4D;
const ws = Array.from({length:10},()=>tf.randomUniform([3,3,32,32],-0.15,0.15) as tf.Tensor4D);
const run = async () => { const y = tf.tidy(()=>{let h=tf.relu(tf.conv2d(x,stem,1,'same')); for(const w of ws) h=tf.relu(tf.conv2d(h,w,1,'same')); return tf.mean(h);}); await y.data(); y.dispose(); };
for (let i=0;i<20;i++) await run();
const s:number[]=[]; for(let i=0;i<200;i++){const a=performance.now(); await run(); s.push(performance.now()-a);}
console.log(s.map(v=>v.toFixed(1)).join(' '));
const so=[...s].sort((a,b)=>a-b); console.log('min',so[0].toFixed(2),'p10',so[20].toFixed(2),'p25',so[50].toFixed(2),'med',so[100].toFixed(2),'p75',so[150].toFixed(2),'p90',so[180].toFixed(2));

import { greeting } from './greeting.js';

document.querySelector('#app').innerHTML = `<h1>${greeting('the nearest edge')}</h1>`;

import './style.css';

const app = document.querySelector('#app');
app.innerHTML = `<h1>Built by Vite, served by Tasman</h1><p>Bundled at ${new Date(__BUILT_AT__).toUTCString()}.</p>`;

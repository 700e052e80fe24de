export function greeting(place) {
  return `Built once in Sydney, served from ${place}.`;
}

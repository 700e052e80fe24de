// Promote and rollback: commands, so they go to the control plane; the read model shows the result a moment later.
import { command, controlPlane } from '../api.js';
import { errorBox, h, toast } from '../dom.js';

/**
 * A button that asks once more before it moves traffic. action() returns the control plane's answer
 * {projectId, liveDeploymentId}; done names what happened in the notice; then() runs after success (a refresh).
 */
export function routingButton({ label, done = label, confirmText, id, action, then, primary = false }) {
  const box = h('div', { class: 'confirm-box' });
  const disabled = !controlPlane();
  const button = h('button', {
    type: 'button', id, class: primary ? 'primary' : 'secondary', disabled,
    title: disabled ? 'Set TASMAN_CONTROL_URL on the query side to enable this.' : null,
    onclick: () => box.replaceChildren(confirm()),
  }, label);

  function confirm() {
    const yes = h('button', { type: 'button', class: 'danger', id: `${id}-confirm`, onclick: run }, label);
    const no = h('button', { type: 'button', class: 'ghost', onclick: () => box.replaceChildren() }, 'Cancel');
    return h('div', { class: 'confirm', role: 'group', 'aria-label': label }, h('span', {}, confirmText), yes, no);

    async function run() {
      yes.disabled = true;
      yes.textContent = 'Working…';
      try {
        const answer = await action();
        box.replaceChildren();
        toast(`${done}: ${answer.liveDeploymentId} is live.`);
        then?.(answer);
      } catch (e) {
        box.replaceChildren(errorBox(e));
      }
    }
  }
  return h('div', { class: 'routing' }, button, box);
}

export const rollback = (project, deploymentId) =>
  command(`/v1/projects/${encodeURIComponent(project)}/rollback`, deploymentId ? { deploymentId } : undefined);

export const promote = (project, deploymentId) =>
  command(`/v1/projects/${encodeURIComponent(project)}/promote`, { deploymentId });

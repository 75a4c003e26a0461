// A link to share or keep: the address, Copy and, where the device can,
// Share.
import { h, announce } from './dom.js';
import { t } from './i18n.js';

export function linkBox(url, labelText, { share = false, title = '' } = {}) {
  const input = h('input', { type: 'text', readonly: true, value: url, 'aria-label': labelText, onfocus: (e) => e.target.select() });
  const copy = h('button', { type: 'button', onclick: async () => {
    try { await navigator.clipboard.writeText(url); } catch { input.select(); document.execCommand?.('copy'); }
    copy.textContent = t('created.copied');
    announce(t('created.copied'));
    setTimeout(() => { copy.textContent = t('created.copy'); }, 2000);
  } }, t('created.copy'));
  const shareButton = share && navigator.share
    ? h('button', { type: 'button', class: 'primary', onclick: () => navigator.share({ title, url }).catch(() => {}) }, t('created.shareButton'))
    : null;
  return h('div', { class: 'link-box' }, input, copy, shareButton);
}

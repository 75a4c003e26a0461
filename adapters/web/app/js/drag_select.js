// Choosing a run of buttons by dragging, as in a month of days or the days
// of a week: press one, drag, release. Every button between the first and the
// one under the finger takes the first one's new state, previewed as the
// drag grows or shrinks (buttons it leaves go back to what they were). A
// tap toggles one; the keyboard and assistive technology press the buttons,
// and a click toggles too.

// items(): the buttons in order; isOn(button); set(button, on) applies one.
export function dragSelect(container, { items, isOn, set }) {
  let drag = null;  // {list, anchor, on, before: [bool]}
  const apply = (to) => {
    const low = Math.min(drag.anchor, to);
    const high = Math.max(drag.anchor, to);
    drag.list.forEach((button, i) => {
      const want = i >= low && i <= high ? drag.on : drag.before[i];
      if (isOn(button) !== want) set(button, want);
    });
  };
  container.addEventListener('pointerdown', (event) => {
    const list = items();
    const index = list.indexOf(event.target.closest?.('button'));
    if (index < 0 || event.button > 0) return;
    event.preventDefault();
    container.setPointerCapture?.(event.pointerId);
    drag = { list, anchor: index, on: !isOn(list[index]), before: list.map(isOn) };
    apply(index);
  });
  container.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const index = drag.list.indexOf(document.elementFromPoint(event.clientX, event.clientY)?.closest?.('button'));
    if (index >= 0) apply(index);
  });
  const end = () => { drag = null; };
  container.addEventListener('pointerup', end);
  container.addEventListener('pointercancel', end);
  container.addEventListener('click', (event) => {
    const button = event.target.closest?.('button');
    if (button && event.detail === 0 && items().includes(button)) set(button, !isOn(button));
  });
}

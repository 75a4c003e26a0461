// The people of an event, compact at any number (200 at most): a search
// box and one short row each — shown or not, the name, how many slots they
// can make, "only" (show this person alone, one tap) and "must attend"
// (for the best times). "Everyone" brings them all back in one tap.
import { h, fill, uid } from './dom.js';
import { t } from './i18n.js';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export class PeopleList {
  // selection: {hidden: Set, required: Set}; onChange() after any change.
  constructor({ selection, onChange }) {
    this.selection = selection;
    this.onChange = onChange;
    this.people = [];
    this.counts = [];
    this.query = '';
    this.heading = h('h3', { id: uid('people') });
    this.search = h('input', {
      type: 'search', id: uid('find'), autocomplete: 'off', 'aria-label': t('people.find'), placeholder: t('people.find'),
      oninput: () => { this.query = this.search.value.trim().toLocaleLowerCase(); this.renderRows(); },
    });
    this.everyone = h('button', { type: 'button', class: 'small-button', onclick: () => this.showEveryone() }, t('people.everyone'));
    this.list = h('ul', { class: 'people-rows', 'aria-labelledby': this.heading.id });
    this.element = h('div', { class: 'people' },
      h('div', { class: 'row' }, h('div', { class: 'grow' }, this.heading), this.everyone),
      this.search, this.list);
  }

  update(people, counts) {
    this.people = people;
    this.counts = counts;
    for (const set of [this.selection.hidden, this.selection.required]) {
      for (const name of [...set]) if (!people.includes(name)) set.delete(name);
    }
    this.heading.textContent = t('group.people', { n: people.length });
    this.search.hidden = people.length < 8;
    this.element.hidden = people.length === 0;
    this.renderRows();
  }

  renderRows() {
    // A redraw (someone answered) keeps the reader's place in the list.
    const focused = this.list.contains(document.activeElement) ? document.activeElement : null;
    const place = focused && { name: focused.closest('li')?.dataset.name, control: focused.dataset.control };
    this.drawRows();
    if (place?.name) {
      const row = [...this.list.children].find((li) => li.dataset.name === place.name);
      row?.querySelector(`[data-control="${place.control}"]`)?.focus();
    }
  }

  drawRows() {
    const { hidden, required } = this.selection;
    this.everyone.disabled = hidden.size === 0;
    const shown = this.people.map((name, i) => ({ name, count: this.counts[i] ?? 0 }))
      .filter(({ name }) => !this.query || name.toLocaleLowerCase().includes(this.query))
      .sort((a, b) => collator.compare(a.name, b.name));
    fill(this.list, shown.map(({ name, count }) => {
      const box = h('input', { type: 'checkbox', id: uid('p'), 'data-control': 'shown', checked: !hidden.has(name), onchange: (e) => {
        if (e.target.checked) hidden.delete(name); else hidden.add(name);
        this.changed();
      } });
      return h('li', { class: 'person-row', 'data-name': name },
        box,
        h('label', { for: box.id, class: 'person-name' }, name, h('span', { class: 'person-count' }, t(count === 1 ? 'people.slot' : 'people.slots', { n: count }))),
        h('button', { type: 'button', class: 'small-button', 'data-control': 'only', 'aria-label': t('people.onlyName', { name }), onclick: () => this.only(name) }, t('people.only')),
        h('button', { type: 'button', class: 'small-button must', 'data-control': 'must', 'aria-pressed': String(required.has(name)),
          'aria-label': t('people.mustName', { name }), onclick: (e) => {
            if (required.has(name)) required.delete(name); else required.add(name);
            e.currentTarget.setAttribute('aria-pressed', String(required.has(name)));
            this.onChange({ required: true });
          } }, t('people.must')));
    }));
    if (!shown.length && this.people.length) fill(this.list, h('li', { class: 'muted' }, t('people.noMatch')));
  }

  only(name) {
    this.selection.hidden.clear();
    for (const other of this.people) if (other !== name) this.selection.hidden.add(other);
    this.changed();
  }

  showEveryone() {
    this.selection.hidden.clear();
    this.changed();
  }

  changed() {
    this.renderRows();
    this.onChange({ hidden: true });
  }
}

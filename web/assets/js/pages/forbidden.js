import { h } from '../dom.js';
import { setTitle } from '../router.js';

export default function forbidden({ outlet }) {
  setTitle('Not allowed');
  outlet.append(h('section', { class: 'notice-page' },
    h('p', { class: 'notice-code', 'aria-hidden': 'true' }, '403'),
    h('h1', {}, 'This area is not open to your account'),
    h('p', {}, 'It is for organizers and administrators. If you think you should have access, ask an administrator.'),
    h('a', { class: 'btn btn-primary', href: '/' }, 'Browse events')));
}

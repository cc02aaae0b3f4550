import { h } from '../dom.js';
import { setTitle } from '../router.js';

export default function notFound({ outlet }) {
  setTitle('Page not found');
  outlet.append(h('section', { class: 'notice-page' },
    h('p', { class: 'notice-code', 'aria-hidden': 'true' }, '404'),
    h('h1', {}, 'We could not find that page'),
    h('p', {}, 'The link may be broken, or the page may have moved. Events are always one click away.'),
    h('a', { class: 'btn btn-primary', href: '/' }, 'Browse events')));
}

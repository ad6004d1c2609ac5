import { expect } from 'chai';
import { formatQuantity } from '../../adapters/web/format.ts';

describe('web pages: counts with their nouns', () => {
  it('takes the singular for one alone, the plural for none, many and fractions, and groups thousands', () => {
    expect(formatQuantity(1, 'admin', 'admins')).to.equal('1 admin');
    expect(formatQuantity(0, 'draft', 'drafts')).to.equal('0 drafts');
    expect(formatQuantity(2, 'moderator', 'moderators')).to.equal('2 moderators');
    expect(formatQuantity(1.5, 'minute', 'minutes')).to.equal('1.5 minutes');
    expect(formatQuantity(1204, 'published theme', 'published themes')).to.equal('1,204 published themes');
    expect(formatQuantity(21, 'second', 'seconds')).to.equal('21 seconds'); // English: not "21 second", as some languages' rules would have it
  });
});

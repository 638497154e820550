import { leadIdFromAddresses } from './recipient-token';

describe('leadIdFromAddresses', () => {
  it.each([
    ['reply+1001@replies.example.com', '1001'],
    ['REPLY+1001@REPLIES.EXAMPLE.COM', '1001'],
    ['<reply+1001@replies.example.com>', '1001'],
    ['  reply+1001@replies.example.com  ', '1001'],
    ['reply+sales+1001@replies.example.com', '1001'],
    ['r+7@x.example', '7'],
    ['reply+123456789012345678@replies.example.com', '123456789012345678'],
  ])('reads the lead id from %p', (address, leadId) => {
    expect(leadIdFromAddresses([address])).toBe(leadId);
  });

  it.each([
    ['no token', 'replies@replies.example.com'],
    ['a token with letters', 'reply+abc@replies.example.com'],
    ['a token with digits and letters', 'reply+1001x@replies.example.com'],
    ['a token that is not last', 'reply+1001+x@replies.example.com'],
    ['an empty token', 'reply+@replies.example.com'],
    ['no local part', '+1001@replies.example.com'],
    ['more digits than a lead id has', 'reply+1234567890123456789@replies.example.com'],
    ['no domain', 'reply+1001@'],
    ['no address at all', 'reply+1001'],
    ['a display name around the address', 'Sales <reply+1001@replies.example.com>'],
  ])('finds none in an address with %s', (_, address) => {
    expect(leadIdFromAddresses([address])).toBe('');
  });

  it('takes the first address that carries a token, skipping the ones that do not', () => {
    expect(
      leadIdFromAddresses([
        'replies@replies.example.com',
        'reply+abc@replies.example.com',
        'reply+2002@replies.example.com',
        'reply+3003@replies.example.com',
      ]),
    ).toBe('2002');
  });

  it('finds none in no addresses', () => expect(leadIdFromAddresses([])).toBe(''));
});

"""The bracket/quote lexer of wsadmin's string arguments, shared by AdminConfig attribute strings
(``harness.config.attrinput``, quote ``"``) and AdminTask parameter strings (``harness.scripting.admintask.args``, quotes
``"`` and ``'`` [U]).  The quote characters are the one lexical difference between the two, on purpose.

Rules (the [U] ones are marked):

- whitespace separates tokens; ``[`` and ``]`` nest (outside quotes, always);
- a token that starts with a quote character runs to the next unescaped same quote; ``""`` is the empty
  string; inside quotes ``\\<quote>`` is a literal quote [U], every other backslash is literal;
- a quote in the middle of an unquoted token is an ordinary character [U]; text right after a closing
  quote (no whitespace) is appended to the same token [U].
"""

WHITESPACE = " \t\r\n\f\v"

# what went wrong, for the caller's ``error`` callback
UNEXPECTED_CLOSE = "unexpected-close"
UNTERMINATED_QUOTE = "unterminated-quote"
MISSING_CLOSE = "missing-close"


def parse(text, quotes, leaf, error):
    """The top-level nodes of ``text``: ``leaf(token_text, quoted)`` for every token, nested Python lists
    for brackets.  On a syntax error raises ``error(reason, quote)`` (``quote``: the unterminated quote
    character, else None)."""
    root = []
    stack = [root]
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in WHITESPACE:
            i += 1
        elif c == "[":
            new = []
            stack[-1].append(new)
            stack.append(new)
            i += 1
        elif c == "]":
            if len(stack) == 1:
                raise error(UNEXPECTED_CLOSE, None)
            stack.pop()
            i += 1
        else:
            buf = []
            quoted = c in quotes
            if quoted:
                i += 1
                while True:
                    if i >= n:
                        raise error(UNTERMINATED_QUOTE, c)
                    ch = text[i]
                    if ch == "\\" and i + 1 < n and text[i + 1] == c:
                        buf.append(c)
                        i += 2
                        continue
                    if ch == c:
                        i += 1
                        break
                    buf.append(ch)
                    i += 1
            while i < n and text[i] not in WHITESPACE and text[i] not in "[]":
                buf.append(text[i])
                i += 1
            stack[-1].append(leaf("".join(buf), quoted))
    if len(stack) != 1:
        raise error(MISSING_CLOSE, None)
    return root

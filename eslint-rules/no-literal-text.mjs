/**
 * Words a person reads come from the message catalogs (messages/*.json), so that every page can
 * be read in every language the portal speaks. This rule fails on text written straight into
 * JSX: text between tags, `{'a string'}` or `{`a template`}` as a child, and string values of
 * the props that are read or heard (alt, title, placeholder, aria-label, label, hint…).
 *
 * Text with no letter in it (a "·", "*", "911", "→") is not a sentence and is allowed. Something
 * that must stay as written in every language (a product name, a code) can be marked with
 * `// eslint-disable-next-line local/no-literal-text -- <why>`.
 */
const readProps =
  /^(alt|title|placeholder|aria-label|aria-description|aria-roledescription|aria-valuetext|label|[a-zA-Z]*Label|hint|description|heading|caption|summary|emptyText|confirm[A-Za-z]*|message)$/;

const hasLetter = (text) => /\p{L}/u.test(text);

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'User-visible text comes from messages/*.json, not from JSX literals.' },
    schema: [],
  },
  create(context) {
    const report = (node, text) =>
      context.report({
        node,
        message: `Text a person reads belongs in messages/*.json (read it with t()): "${text.trim().slice(0, 60)}"`,
      });
    const checkExpression = (node, expression) => {
      if (expression.type === 'Literal' && typeof expression.value === 'string') {
        if (hasLetter(expression.value)) report(node, expression.value);
      } else if (expression.type === 'TemplateLiteral') {
        const text = expression.quasis.map((q) => q.value.cooked ?? '').join('');
        if (hasLetter(text)) report(node, text);
      }
    };
    return {
      JSXText(node) {
        if (hasLetter(node.value)) report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent?.type === 'JSXElement' || node.parent?.type === 'JSXFragment') {
          checkExpression(node, node.expression);
        }
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : null;
        if (!name || !readProps.test(name) || !node.value) return;
        if (node.value.type === 'Literal') {
          if (typeof node.value.value === 'string' && hasLetter(node.value.value))
            report(node, node.value.value);
        } else if (node.value.type === 'JSXExpressionContainer') {
          checkExpression(node, node.value.expression);
        }
      },
    };
  },
};

export default rule;

// The independent PowerShell oracle (test only): tree-sitter's PowerShell grammar, not the
// console's own code, reads a script and reports its syntax errors, every command it calls with
// its parameters, and the shape of its syntax tree (so that two renderings with different values
// can be compared: a value that changes the shape became code).
//
//   node parse.cjs FILE.ps1        one script, one JSON answer on standard output
//   node parse.cjs --serve         JSON lines {"id":…, "script":"…"} in, one JSON line out each
//
// Known gaps of tree-sitter-powershell 0.26 (found when the oracle was first tried on this kind of machine): it rejects bareword lists in
// argument mode (quote them) and accepts <placeholder> text (the console never emits it).
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const { Parser, Language } = require('web-tree-sitter');

async function parser() {
  await Parser.init();
  const wasm = path.join(path.dirname(require.resolve('tree-sitter-powershell/package.json')), 'tree-sitter-powershell.wasm');
  const language = await Language.load(wasm);
  const p = new Parser();
  p.setLanguage(language);
  return p;
}

function unquote(text) {
  if (text.length >= 2 && text[0] === "'" && text[text.length - 1] === "'") {
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (text.length >= 2 && text[0] === '"' && text[text.length - 1] === '"') {
    return text.slice(1, -1);
  }
  return text;
}

/** The single string literal an expression is, or null (e.g. 'Set-ClientAccessService'). */
function literal(node) {
  let n = node;
  while (n && n.namedChildCount === 1 && n.type !== 'string_literal') {
    n = n.namedChild(0);
  }
  if (n && n.type === 'string_literal' && n.namedChildCount === 1 && n.namedChild(0).type === 'verbatim_string_characters') {
    return unquote(n.namedChild(0).text);
  }
  return null;
}

function analyse(p, script) {
  const tree = p.parse(script);
  const errors = [];
  const commands = [];
  const functions = [];
  const assignments = {};
  const shape = [];
  let subexpressions = 0;

  function position(node) {
    return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
  }

  function visit(node, depth, inSubexpression) {
    if (node.type === 'ERROR' || node.isMissing) {
      errors.push(Object.assign(position(node), { missing: node.isMissing, text: node.text.slice(0, 80) }));
    }
    if (node.isNamed) {
      shape.push(depth + ':' + node.type);
    }
    if (node.type === 'sub_expression') {
      subexpressions++;
      inSubexpression = true;
    }
    if (node.type === 'function_statement') {
      const name = node.namedChildren.find(c => c.type === 'function_name');
      if (name) functions.push(name.text);
    }
    if (node.type === 'assignment_expression') {
      const left = node.namedChild(0);
      const right = node.namedChildren[node.namedChildCount - 1];
      const value = right ? literal(right) : null;
      if (left && value !== null) {
        assignments[left.text.trim().toLowerCase()] = value;
      }
    }
    if (node.type === 'command') {
      commands.push(command(node, inSubexpression));
    }
    for (const child of node.children) {
      visit(child, depth + 1, inSubexpression);
    }
  }

  function command(node, inSubexpression) {
    // parameters are reported as written; whether a following element is a switch's positional neighbour is the checker's call
    const result = Object.assign(position(node), { name: null, nameKind: null, nameText: null, parameters: [], arguments: [],
      inSubexpression: inSubexpression });
    const bare = node.namedChildren.find(c => c.type === 'command_name');
    const expr = node.namedChildren.find(c => c.type === 'command_name_expr');
    if (bare) {
      result.name = bare.text;
      result.nameKind = 'bareword';
      result.nameText = bare.text;
    } else if (expr) {
      result.nameText = expr.text;
      const variable = expr.descendantsOfType('variable')[0];
      if (expr.namedChildCount === 1 && expr.namedChild(0).type === 'path_command_name' && variable
          && expr.namedChild(0).text === variable.text) {
        result.nameKind = 'variable';
        result.variable = variable.text.toLowerCase(); // resolved once every assignment is known (functions come first)
      } else {
        const value = literal(expr);
        result.nameKind = value === null ? 'expression' : 'literal';
        result.name = value;
      }
    }
    const elements = node.namedChildren.find(c => c.type === 'command_elements');
    let open = null;
    for (const element of elements ? elements.namedChildren : []) {
      if (element.type === 'command_argument_sep') continue;
      if (element.type === 'command_parameter') {
        // -Name:value binds the value to the parameter (the only way a switch takes one); the grammar drops the colon
        const colon = element.text.endsWith(':') || script.charAt(element.endIndex) === ':';
        open = { name: element.text.replace(/^-/, '').replace(/:$/, ''), colon: colon, argument: null, literal: null };
        result.parameters.push(open);
        continue;
      }
      if (open && open.argument === null) {
        open.argument = element.text;
        open.literal = literal(element);
      } else {
        result.arguments.push(element.text);
      }
      open = null;
    }
    return result;
  }

  visit(tree.rootNode, 0, false);
  tree.delete();
  for (const c of commands) {
    if (c.variable) {
      c.name = assignments[c.variable] || null;
      delete c.variable;
    }
  }
  return { errors, commands, functions, assignments, subexpressions, shape: shape.join(' ') };
}

async function main() {
  const p = await parser();
  if (process.argv[2] === '--serve') {
    const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      let answer;
      try {
        const request = JSON.parse(line);
        answer = Object.assign({ id: request.id }, analyse(p, request.script));
      } catch (e) {
        answer = { id: null, failure: String(e && e.message || e) };
      }
      process.stdout.write(JSON.stringify(answer) + '\n');
    }
    return;
  }
  const script = fs.readFileSync(process.argv[2], 'utf8');
  process.stdout.write(JSON.stringify(analyse(p, script), null, 1) + '\n');
}

main().catch(e => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(2);
});

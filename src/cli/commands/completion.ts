/**
 * `tickmark completion bash|zsh|fish`: a shell completion script for the commands and their
 * flags (`eval "$(tickmark completion bash)"`, or save it where the shell loads completions).
 */
import { tickmarkError } from '../../errors.js';
import { exit, type Command } from '../command.js';

/** Filled in by the commands index (it lists every command, this one included). */
export const completionSource: { commands: readonly Command[] } = { commands: [] };

function bash(commands: readonly Command[]): string {
  const cases = commands.map((c) => `    ${c.name}) opts="${Object.keys(c.options).map((f) => `--${f}`).join(' ')}" ;;`).join('\n');
  return `# tickmark bash completion
_tickmark() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmd="\${COMP_WORDS[1]}" opts
  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=( $(compgen -W "${commands.map((c) => c.name).join(' ')} help" -- "$cur") ); return; fi
  case "$cmd" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W "$opts --help" -- "$cur") ); else COMPREPLY=( $(compgen -f -- "$cur") ); fi
}
complete -F _tickmark tickmark
`;
}

function zsh(commands: readonly Command[]): string {
  return `#compdef tickmark
_tickmark() {
  local -a commands
  commands=(${commands.map((c) => `'${c.name}:${c.summary.replace(/'/g, '')}'`).join(' ')})
  if (( CURRENT == 2 )); then _describe command commands; return; fi
  case $words[2] in
${commands.map((c) => `    ${c.name}) _arguments ${Object.keys(c.options).map((f) => `'--${f}[]'`).join(' ')} '*:file:_files' ;;`).join('\n')}
  esac
}
compdef _tickmark tickmark
`;
}

function fish(commands: readonly Command[]): string {
  const lines = commands.map((c) => `complete -c tickmark -n '__fish_use_subcommand' -a ${c.name} -d '${c.summary.replace(/'/g, '')}'`);
  for (const c of commands) for (const f of Object.keys(c.options)) lines.push(`complete -c tickmark -n '__fish_seen_subcommand_from ${c.name}' -l ${f}`);
  return `${lines.join('\n')}\n`;
}

export const completionCommand: Command = {
  name: 'completion',
  summary: 'Print a shell completion script (bash, zsh or fish)',
  usage: 'tickmark completion bash|zsh|fish',
  options: {},
  async run(ctx) {
    const shell = ctx.positionals[0];
    const scripts: Record<string, (c: readonly Command[]) => string> = { bash, zsh, fish };
    const make = shell ? scripts[shell] : undefined;
    if (!make) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: 'shell', expected: 'must be bash, zsh or fish', got: shell ?? null });
    ctx.io.out(make(completionSource.commands));
    return exit.ok;
  },
};

using System.CommandLine;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// <c>kolosseum completion bash|zsh</c>: a shell script that completes commands, flags and catalog ids by asking
/// kolosseum itself through System.CommandLine's <c>[suggest:POSITION]</c> directive (the mechanism
/// dotnet-suggest uses), so the completions always match the installed version and no other tool is needed.
/// </summary>
internal static class CompletionCommand
{
    public static readonly IReadOnlyDictionary<string, string> Scripts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bash"] = Bash,
        ["zsh"] = Zsh,
    };

    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.CompletionSources.Add(Scripts.Keys.ToArray());
        var json = CommonOptions.Json();
        var command = new Command("completion", "Print a bash or zsh script that completes kolosseum's commands and flags (see the README)") { shell, json };
        command.SetAction(parse => Run(context, parse.GetValue(shell)!, parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string shell, bool json)
    {
        if (!Scripts.TryGetValue(shell, out var script))
        {
            var bag = new DiagnosticBag();
            bag.Error(DiagnosticCodes.OutOfRange, SourceLocation.ForFlag("shell"), "shell", shell, "no completion script for this shell",
                Suggest.Closest(shell, Scripts.Keys) is { } s ? $"did you mean '{s}'?" : "give bash or zsh");
            return context.Fail(bag);
        }
        if (json) return Json.Write(context, new { shell, script });
        context.Stdout.Write(script);
        return ExitCodes.Success;
    }

    // The text up to the cursor, with the first word (however the program was typed: ./kolosseum, a full path)
    // written as the root command's name, which is what the directive expects.
    private const string Bash = """
        # kolosseum completion for bash. Load it now:   source <(kolosseum completion bash)
        # or for every shell:   kolosseum completion bash > ~/.local/share/bash-completion/completions/kolosseum
        _kolosseum_suggestions() {
            local line="kolosseum"
            local word
            for word in "${@:2}"; do line+=" $word"; done
            command "$1" "[suggest:${#line}]" "$line" 2>/dev/null
        }
        _kolosseum_complete() {
            local IFS=$'\n'
            # The directive also offers names that merely contain the word; bash wants those that start with it.
            COMPREPLY=($(compgen -W "$(_kolosseum_suggestions "${COMP_WORDS[0]}" "${COMP_WORDS[@]:1:COMP_CWORD}")" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _kolosseum_complete kolosseum

        """;

    private const string Zsh = """
        #compdef kolosseum
        # kolosseum completion for zsh. Load it now:   source <(kolosseum completion zsh)
        # or for every shell:   kolosseum completion zsh > "${fpath[1]}/_kolosseum"   (then restart zsh)
        _kolosseum_suggestions() {
            local line="kolosseum"
            local word
            for word in "${@:2}"; do line+=" $word"; done
            command "${~1}" "[suggest:${#line}]" "$line" 2>/dev/null
        }
        _kolosseum() {
            local -a suggestions
            suggestions=("${(@f)$(_kolosseum_suggestions "${words[1]}" "${(@)words[2,CURRENT]}")}")
            compadd -a suggestions
        }
        if (( $+functions[compdef] )); then compdef _kolosseum kolosseum; fi

        """;
}

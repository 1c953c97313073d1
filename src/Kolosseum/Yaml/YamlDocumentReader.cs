using Kolosseum.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kolosseum.Yaml;

/// <summary>
/// Reads one YAML document into a <see cref="YNode"/> tree, enforcing <see cref="YamlLimits"/>.
/// A syntax error is reported, the offending line is blanked out and reading starts again, so that one
/// misplaced bracket does not hide the other problems in the file.
/// </summary>
public static class YamlDocumentReader
{
    private sealed class LimitExceededException(SourceLocation location, string field, string rule) : Exception(rule)
    {
        public SourceLocation Location { get; } = location;
        public string Field { get; } = field;
        public string Rule { get; } = rule;
    }

    /// <summary>Whether the last read of a file needed syntax recovery (missing-field checks are then unreliable).</summary>
    public sealed record Result(YNode? Root, bool HadSyntaxErrors);

    public static Result Read(string text, string file, DiagnosticBag diagnostics, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        if (text.Length > limits.MaxBytes)
        {
            diagnostics.Error(DiagnosticCodes.LimitExceeded, new SourceLocation(file, 1, 1), "", null,
                $"file is {text.Length} characters; the limit is {limits.MaxBytes}", "split the scenario or remove unused parts");
            return new Result(null, true);
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        bool hadSyntaxErrors = false;
        var seenErrorLines = new HashSet<int>();
        for (int attempt = 0; attempt <= limits.MaxSyntaxRecoveries; attempt++)
        {
            try
            {
                var root = Parse(string.Join('\n', lines), file, diagnostics, limits);
                return new Result(root, hadSyntaxErrors);
            }
            catch (LimitExceededException ex)
            {
                diagnostics.Error(DiagnosticCodes.LimitExceeded, ex.Location, ex.Field, null, ex.Rule, "simplify the file");
                return new Result(null, true);
            }
            catch (YamlException ex)
            {
                hadSyntaxErrors = true;
                int line = (int)Math.Clamp(ex.Start.Line, 1, lines.Length);
                int column = (int)Math.Max(1, ex.Start.Column);
                diagnostics.Error(DiagnosticCodes.YamlSyntax, new SourceLocation(file, line, column), "", null,
                    "YAML syntax error: " + CleanMessage(ex), SyntaxHint(lines[line - 1]));
                // Blank the line (keeping its length so columns elsewhere stay right) and try again.
                if (!seenErrorLines.Add(line))
                {
                    // The same line failed twice: blanking it did not help, so the rest cannot be read.
                    return new Result(null, true);
                }
                lines[line - 1] = new string(' ', lines[line - 1].Length);
            }
        }
        return new Result(null, true);
    }

    private static string CleanMessage(YamlException ex)
    {
        string m = ex.Message;
        // YamlDotNet prefixes its messages with the position, which we already print.
        int close = m.IndexOf("): ", StringComparison.Ordinal);
        if (m.StartsWith('(') && close > 0) m = m[(close + 3)..];
        return m.TrimEnd('.');
    }

    private static string? SyntaxHint(string line)
    {
        if (line.Contains('\t', StringComparison.Ordinal)) return "YAML does not allow tabs for indentation; use spaces";
        if (line.Count(c => c == '[') != line.Count(c => c == ']')) return "a '[' without its ']' (or the reverse)";
        if (line.Count(c => c == '{') != line.Count(c => c == '}')) return "a '{' without its '}' (or the reverse)";
        if (line.Count(c => c == '"') % 2 == 1) return "a quote without its closing quote";
        return "check indentation and that each 'key: value' has a space after the colon";
    }

    private static YNode? Parse(string text, string file, DiagnosticBag diagnostics, YamlLimits limits)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YNode? root = null;
        long totalExpanded = 0;
        int documents = 0;

        SourceLocation Loc(Mark m) => new(file, (int)Math.Max(1, m.Line), (int)Math.Max(1, m.Column));

        void Complete(YNode node, string? anchor)
        {
            if (anchor is not null) anchors[anchor] = node;
            totalExpanded += node is YScalar ? 1 : 0;
            if (totalExpanded > limits.MaxExpandedNodes)
                throw new LimitExceededException(node.Location, "", $"more than {limits.MaxExpandedNodes} values once aliases are expanded (an alias bomb?)");
            if (stack.Count == 0)
            {
                root ??= node;
                return;
            }
            stack.Peek().Add(node, diagnostics, limits);
        }

        Mark last = Mark.Empty;
        while (MoveNext(parser, last))
        {
            var ev = parser.Current!;
            last = ev.End;
            switch (ev)
            {
                case DocumentStart:
                    documents++;
                    if (documents > 1)
                    {
                        diagnostics.Error(DiagnosticCodes.YamlSyntax, Loc(ev.Start), "", null,
                            "only one YAML document per file is read", "remove the '---' separator and what follows, or merge the documents");
                        return root;
                    }
                    break;
                case Scalar s:
                    if (s.Value.Length > limits.MaxScalarLength)
                        throw new LimitExceededException(Loc(s.Start), "", $"a value of {s.Value.Length} characters; the limit is {limits.MaxScalarLength}");
                    Complete(new YScalar(s.Value, s.Style == ScalarStyle.Plain, Loc(s.Start)), AnchorOf(s.Anchor));
                    break;
                case AnchorAlias a:
                    if (!anchors.TryGetValue(a.Value.Value, out var target))
                    {
                        diagnostics.Error(DiagnosticCodes.YamlSyntax, Loc(a.Start), "", "*" + a.Value.Value, "alias to an anchor that is not defined above it", null);
                        Complete(new YScalar("", true, Loc(a.Start)), null);
                        break;
                    }
                    totalExpanded += target.ExpandedSize;
                    if (totalExpanded > limits.MaxExpandedNodes)
                        throw new LimitExceededException(Loc(a.Start), "", $"more than {limits.MaxExpandedNodes} values once aliases are expanded (an alias bomb?)");
                    if (stack.Count == 0) root ??= target;
                    else stack.Peek().Add(target, diagnostics, limits);
                    break;
                case MappingStart ms:
                    if (stack.Count >= limits.MaxDepth)
                        throw new LimitExceededException(Loc(ms.Start), "", $"nesting deeper than {limits.MaxDepth} levels");
                    stack.Push(new Frame(true, Loc(ms.Start), AnchorOf(ms.Anchor)));
                    break;
                case SequenceStart ss:
                    if (stack.Count >= limits.MaxDepth)
                        throw new LimitExceededException(Loc(ss.Start), "", $"nesting deeper than {limits.MaxDepth} levels");
                    stack.Push(new Frame(false, Loc(ss.Start), AnchorOf(ss.Anchor)));
                    break;
                case MappingEnd:
                case SequenceEnd:
                    {
                        var frame = stack.Pop();
                        var node = frame.Build();
                        Complete(node, frame.Anchor);
                        break;
                    }
            }
        }
        return root;
    }

    /// <summary>
    /// YamlDotNet reports a few malformed inputs with exceptions other than <see cref="YamlException"/>;
    /// they are syntax errors all the same, located just after the last good event.
    /// </summary>
    private static bool MoveNext(Parser parser, Mark last)
    {
        try
        {
            return parser.MoveNext();
        }
        catch (YamlException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            var at = new Mark(last.Index, Math.Max(1, last.Line), Math.Max(1, last.Column));
            throw new YamlException(at, at, "malformed YAML after this point");
        }
    }

    private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    private sealed class Frame(bool isMapping, SourceLocation location, string? anchor)
    {
        private readonly List<YEntry> _entries = [];
        private readonly List<YNode> _items = [];
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private YScalar? _pendingKey;
        private bool _pendingKeyInvalid;
        private long _size = 1;

        public string? Anchor { get; } = anchor;

        public void Add(YNode node, DiagnosticBag diagnostics, YamlLimits limits)
        {
            _size += node.ExpandedSize;
            if (!isMapping)
            {
                if (_items.Count >= limits.MaxSequenceLength)
                    throw new LimitExceededException(node.Location, "", $"a list of more than {limits.MaxSequenceLength} items");
                _items.Add(node);
                return;
            }
            if (_pendingKey is null && !_pendingKeyInvalid)
            {
                if (node is YScalar key)
                {
                    _pendingKey = key;
                }
                else
                {
                    diagnostics.Error(DiagnosticCodes.WrongType, node.Location, "", null, "a mapping key must be a plain name", "write 'name: value'");
                    _pendingKeyInvalid = true;
                }
                return;
            }
            if (_pendingKey is not null)
            {
                if (!_keys.Add(_pendingKey.Value))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateKey, _pendingKey.Location, _pendingKey.Value, null,
                        "this key appears twice in the same mapping", "keep one of them");
                }
                else
                {
                    _entries.Add(new YEntry(_pendingKey, node));
                }
            }
            _pendingKey = null;
            _pendingKeyInvalid = false;
        }

        public YNode Build()
        {
            YNode node = isMapping ? new YMapping(_entries, location) : new YSequence(_items, location);
            node.ExpandedSize = _size;
            return node;
        }
    }
}

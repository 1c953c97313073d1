using Kolosseum.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kolosseum.Sweeps;

/// <summary>
/// Writes a <see cref="YNode"/> tree back as YAML text. Plain scalars stay plain (so <c>150 MW</c> and <c>100k</c>
/// read as the values they were), quoted ones are written double-quoted. The text is canonical: the same tree
/// gives the same text, which is what a point's scenario hash is taken of.
/// </summary>
internal static class YamlTextWriter
{
    public static string Write(YNode root)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, YNode node)
    {
        switch (node)
        {
            case YScalar s:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, s.Value, s.IsPlain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted, true, !s.IsPlain));
                break;
            case YMapping m:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block));
                foreach (var e in m.Entries)
                {
                    Emit(emitter, e.Key);
                    Emit(emitter, e.Value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case YSequence q:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Block));
                foreach (var item in q.Items) Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
        }
    }
}

using System.Reflection;
using Kolosseum.Yaml;

namespace Kolosseum.Scenarios;

/// <summary>The typed settings of the sections of a scenario or an option, by type.</summary>
public sealed class SectionSet
{
    private readonly IReadOnlyDictionary<Type, object> _sections;

    public SectionSet(IReadOnlyDictionary<Type, object> sections) => _sections = sections;

    public static SectionSet Empty { get; } = new(new Dictionary<Type, object>());

    public T Get<T>() where T : class =>
        _sections.TryGetValue(typeof(T), out var v) ? (T)v : throw new KeyNotFoundException($"no section of type {typeof(T).Name} was read");

    public bool TryGet<T>(out T value) where T : class
    {
        if (_sections.TryGetValue(typeof(T), out var v))
        {
            value = (T)v;
            return true;
        }
        value = null!;
        return false;
    }

    /// <summary>The same sections with <paramref name="section"/> in place of the one of its type.</summary>
    public SectionSet With<T>(T section) where T : class => new(new Dictionary<Type, object>(_sections) { [typeof(T)] = section });

    /// <summary>Sections by key, in key order, for echoing the resolved scenario.</summary>
    public IEnumerable<KeyValuePair<string, object>> ByKey() =>
        _sections.Select(kv => new KeyValuePair<string, object>(SectionRegistry.KeyOf(kv.Key), kv.Value)).OrderBy(kv => kv.Key, StringComparer.Ordinal);
}

/// <summary>Finds the section types of the library by reflection.</summary>
internal static class SectionRegistry
{
    private sealed record Entry(string Key, Type Type, Func<FieldReader?, object, object> Read);

    private static readonly Lazy<IReadOnlyList<Entry>> Scenario = new(() => Find(typeof(IScenarioSection<>), typeof(ScenarioContext)));
    private static readonly Lazy<IReadOnlyList<Entry>> Option = new(() => Find(typeof(IOptionSection<>), typeof(OptionContext)));

    public static IReadOnlyList<string> ScenarioKeys => [.. Scenario.Value.Select(e => e.Key)];
    public static IReadOnlyList<string> OptionKeys => [.. Option.Value.Select(e => e.Key)];

    public static string KeyOf(Type type) =>
        Scenario.Value.Concat(Option.Value).FirstOrDefault(e => e.Type == type)?.Key ?? type.Name;

    public static SectionSet ReadScenario(FieldReader top, ScenarioContext context) => Read(Scenario.Value, top, context);

    public static SectionSet ReadOption(FieldReader option, OptionContext context) => Read(Option.Value, option, context);

    private static SectionSet Read(IReadOnlyList<Entry> entries, FieldReader parent, object context)
    {
        var result = new Dictionary<Type, object>();
        foreach (var e in entries)
        {
            var section = parent.Map(e.Key);
            result[e.Type] = e.Read(section, context);
            section?.Finish();
        }
        return new SectionSet(result);
    }

    private static List<Entry> Find(Type openInterface, Type contextType)
    {
        var list = new List<Entry>();
        foreach (var type in typeof(SectionRegistry).Assembly.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (!type.IsClass || type.IsAbstract) continue;
            if (!type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface && i.GetGenericArguments()[0] == type)) continue;
            string key = (string)type.GetProperty("Key", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            var read = type.GetMethod("Read", BindingFlags.Public | BindingFlags.Static, [typeof(FieldReader), contextType])!;
            // Unwrapped, so that a reader's bug reports its own exception rather than a reflection wrapper.
            list.Add(new Entry(key, type, (r, c) => read.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [r, c], null)!));
        }
        return list.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
    }
}

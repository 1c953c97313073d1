using System.Collections.Frozen;
using System.Text;

namespace Kolosseum.Yaml;

/// <summary>snake_case names for enum values, the way they are written in YAML, flags and JSON.</summary>
public static class EnumNames<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => EnumNames.ToSnake(v.ToString()), v => v, StringComparer.Ordinal);

    private static readonly FrozenDictionary<TEnum, string> ByValue =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => EnumNames.ToSnake(v.ToString()));

    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<TEnum>().Select(v => EnumNames.ToSnake(v.ToString()))];

    public static bool TryParse(string text, out TEnum value)
    {
        string key = text.Trim().Replace('-', '_').ToLowerInvariant();
        return ByName.TryGetValue(key, out value);
    }

    public static string Name(TEnum value) => ByValue[value];
}

public static class EnumNames
{
    public static string ToSnake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c))
            {
                bool boundary = i > 0 && (char.IsLower(pascal[i - 1]) || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1]) && char.IsUpper(pascal[i - 1])));
                if (boundary) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    public static string Name<TEnum>(this TEnum value) where TEnum : struct, Enum => EnumNames<TEnum>.Name(value);
}

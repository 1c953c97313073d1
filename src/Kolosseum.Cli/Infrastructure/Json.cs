using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>One JSON document on stdout: snake_case names, invariant numbers, never NaN or infinity (null instead).</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new FiniteDoubleConverter(), new FiniteSingleConverter() },
    };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);

    public static int Write(CliContext context, object value)
    {
        context.Stdout.WriteLine(Serialize(value));
        return ExitCodes.Success;
    }
}

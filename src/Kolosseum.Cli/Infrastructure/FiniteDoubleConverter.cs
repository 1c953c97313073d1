using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>
/// The one rule for numbers in every JSON document: a value that is not finite (a mean over no rows, a ratio
/// with nothing to divide) is written as null. JSON has no NaN or infinity, and a consumer's parser would
/// reject the document or read a string; null says "no value" in every language.
/// </summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }

    public override bool HandleNull => true;
}

/// <summary>The same rule for single-precision values.</summary>
internal sealed class FiniteSingleConverter : JsonConverter<float>
{
    public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? float.NaN : reader.GetSingle();

    public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options)
    {
        if (float.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }

    public override bool HandleNull => true;
}

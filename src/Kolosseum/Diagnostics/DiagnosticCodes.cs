namespace Kolosseum.Diagnostics;

/// <summary>Stable codes for every kind of input problem. docs/scenario-format.md lists them.</summary>
public static class DiagnosticCodes
{
    public const string YamlSyntax = "KOL001";
    public const string UnknownKey = "KOL002";
    public const string MissingField = "KOL003";
    public const string WrongType = "KOL004";
    public const string MissingUnit = "KOL005";
    public const string UnknownUnit = "KOL006";
    public const string OutOfRange = "KOL007";
    public const string UnknownId = "KOL008";
    public const string DuplicateKey = "KOL009";
    public const string LimitExceeded = "KOL010";
    public const string NotFinite = "KOL011";
    public const string LayoutRule = "KOL012";
    public const string Inconsistent = "KOL013";
    public const string UnknownFlag = "KOL014";
    public const string FileError = "KOL015";
    public const string CsvFormat = "KOL016";
    public const string InvisibleText = "KOL017";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [YamlSyntax] = "the file is not valid YAML",
        [UnknownKey] = "a key that the format does not have (usually a typo)",
        [MissingField] = "a required field is absent",
        [WrongType] = "a value of the wrong kind (text where a number belongs, a list where a map belongs)",
        [MissingUnit] = "a dimensioned value written without its unit",
        [UnknownUnit] = "a unit that is not known for this quantity",
        [OutOfRange] = "a value outside its meaningful range (negative count, zero batch, 1e308 GPUs)",
        [UnknownId] = "a name that the catalog does not hold",
        [DuplicateKey] = "the same key twice in one mapping",
        [LimitExceeded] = "an input limit (size, depth, aliases, list length) was exceeded",
        [NotFinite] = "NaN or infinity where a finite number belongs",
        [LayoutRule] = "a parallel layout that breaks a divisibility or product rule",
        [Inconsistent] = "values that contradict each other",
        [UnknownFlag] = "a command-line flag or command that does not exist",
        [FileError] = "a file that cannot be read or written",
        [CsvFormat] = "a CSV row that does not follow the schema",
        [InvisibleText] = "invisible characters (zero-width, bidi overrides) removed from a text (a warning)",
    };
}

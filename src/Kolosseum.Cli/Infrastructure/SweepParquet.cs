using Kolosseum.Reporting.Output;
using Kolosseum.Sweeps;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>A sweep's rows as a Parquet file (Parquet.Net): one column per figure, the sweep's metadata as key-value metadata.</summary>
internal static class SweepParquet
{
    private static readonly ParquetOptions Options = new() { UseDateOnlyTypeForDates = true };

    public static void Write(SweepTable table, string path)
    {
        var schema = new ParquetSchema(table.Columns.Select(Field).ToArray());
        var rows = table.Rows.Select(r =>
        {
            IDictionary<string, object?> d = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (int i = 0; i < table.Columns.Count; i++) d[table.Columns[i].Name] = r[i];
            return d;
        }).ToList();
        // Written whole or not at all: a killed task leaves no file that merge would take for a finished shard,
        // and the temporary name is short whatever the length of the target's.
        string temp = TempFiles.NewPath(Path.GetDirectoryName(Path.GetFullPath(path))!);
        TempFiles.Add(temp);
        try
        {
            using (var stream = File.Create(temp))
                ParquetSerializer.SerializeUntypedAsync(rows, schema, stream, Options, table.Metadata).GetAwaiter().GetResult();
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        finally
        {
            TempFiles.Remove(temp);
        }
    }

    public static SweepTable Read(string path)
    {
        using var stream = File.OpenRead(path);
        var result = ParquetSerializer.DeserializeUntypedAsync(stream, Options).GetAwaiter().GetResult();
        var columns = result.Schema.DataFields.Select(f => new SweepColumn(f.Name, TypeOf(f.ClrType))).ToList();
        var rows = result.Data.Select(d => columns.Select(c => d.TryGetValue(c.Name, out var v) ? v : null).ToArray()).ToList();
        return new SweepTable(columns, rows, result.CustomMetadata ?? new Dictionary<string, string>());
    }

    private static DataField Field(SweepColumn c) => c.Type switch
    {
        SweepColumnType.Int64 => new DataField<long?>(c.Name),
        SweepColumnType.Double => new DataField<double?>(c.Name),
        SweepColumnType.Boolean => new DataField<bool?>(c.Name),
        SweepColumnType.Date => new DataField<DateOnly?>(c.Name),
        _ => new DataField<string>(c.Name, true),
    };

    private static SweepColumnType TypeOf(Type t)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        if (u == typeof(long) || u == typeof(int)) return SweepColumnType.Int64;
        if (u == typeof(double) || u == typeof(float)) return SweepColumnType.Double;
        if (u == typeof(bool)) return SweepColumnType.Boolean;
        if (u == typeof(DateOnly) || u == typeof(DateTime)) return SweepColumnType.Date;
        return SweepColumnType.Text;
    }
}

namespace Runner.Files;

/// <summary>The CSV record starting at <see cref="Line"/> is longer than the limit; thrown while reading, before it is held.</summary>
public sealed class RecordTooLongException(int line, int limit) : IOException(
    $"a row longer than {limit / 1024 / 1024} M characters, the limit for one row of a CSV file; " +
    "is this the CSV file you meant (one sample per line)?")
{
    public int Line { get; } = line;
}

/// <summary>
/// A text reader for CSV files that refuses a record (a line, or several inside a quoted field) over
/// <c>limit</c> characters as it streams past, so a file of one 100 MB line never reaches the parser whole.
/// </summary>
public sealed class BoundedRecordReader(TextReader inner, int limit = Limits.MaxCsvRecordChars) : TextReader
{
    int _line = 1;
    int _recordLine = 1;
    int _length;
    bool _quoted;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        int read = inner.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override int Read()
    {
        int c = inner.Read();
        if (c >= 0) Count([(char)c]);
        return c;
    }

    public override int Peek() => inner.Peek();

    void Count(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (c == '"') _quoted = !_quoted;   // "" inside a quoted field toggles twice
            if (c == '\n')
            {
                _line++;
                if (!_quoted) { _length = 0; _recordLine = _line; continue; }
            }
            if (++_length > limit) throw new RecordTooLongException(_recordLine, limit);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

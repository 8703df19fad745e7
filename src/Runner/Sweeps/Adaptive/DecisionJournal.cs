using Runner.Config;
using Runner.Files;
using Runner.Results;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runner.Sweeps.Adaptive;

/// <summary>
/// decisions.jsonl in the results folder: every question an adaptive sweep answers (propose trial 5?
/// prune this run at epoch 3? who is out after race round 4?) and its answer, one JSON line each,
/// appended and fsynced BEFORE the answer takes effect. Asked again (after a kill, a requeue, a
/// resume), a question gets its journaled answer back instead of a new one, so a resumed sweep makes
/// exactly the decisions the first one made and never restarts its search.
/// A line that a kill cut short (no newline) never took effect: it is dropped and cut off the file.
/// Several processes (the workers of --shard and of `runner submit`) share one journal: a question is
/// answered under an exclusive lock (decisions.jsonl.lock), after reading the lines the others appended,
/// so every question has one answer, the first written, and every process acts on it.
/// </summary>
public sealed class DecisionJournal
{
    public const string FileName = ResultsLayout.DecisionsFile;

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    readonly string _path;
    readonly object _gate = new();
    readonly List<JournalEntry> _entries;
    readonly Dictionary<string, JournalEntry> _byQuestion;
    long _readBytes; // how much of the file is in _entries: the rest was appended by other processes since

    DecisionJournal(string path, List<JournalEntry> entries, long readBytes)
    {
        _path = path;
        _entries = entries;
        _byQuestion = entries.GroupBy(e => e.Question).ToDictionary(g => g.Key, g => g.First());
        _readBytes = readBytes;
    }

    /// <summary>Every answer so far, in the order given.</summary>
    public IReadOnlyList<JournalEntry> Entries { get { lock (_gate) return _entries.ToList(); } }

    /// <summary>Opens (or starts) the journal of a results folder, dropping a torn last line.</summary>
    public static DecisionJournal Open(string folder)
    {
        var path = Path.Combine(folder, FileName);
        using var _ = FileLock.Acquire(path + ".lock");
        var entries = Exists(path) ? ReadAndRepair(path) : [];
        return new DecisionJournal(path, entries, File.Exists(path) ? new FileInfo(path).Length : 0);
    }

    /// <summary>The journaled answer to <paramref name="question"/>, or a new one from <paramref name="decide"/>, made durable first.</summary>
    public IReadOnlyList<Decision> Decide(string question, Func<IReadOnlyList<Decision>> decide) => Decide(question, decide, out _);

    /// <param name="made">Whether the answer was made here and now (false: an earlier invocation or another process gave it).</param>
    public IReadOnlyList<Decision> Decide(string question, Func<IReadOnlyList<Decision>> decide, out bool made)
    {
        lock (_gate)
        {
            made = false;
            if (_byQuestion.TryGetValue(question, out var known)) return known.Decisions;
            using var _ = FileLock.Acquire(_path + ".lock");
            CatchUp();
            if (_byQuestion.TryGetValue(question, out known)) return known.Decisions;
            var entry = new JournalEntry(_entries.Count + 1, question, DateTime.UtcNow, decide());
            Append(entry);
            Add(entry);
            made = true;
            return entry.Decisions;
        }
    }

    /// <summary>With the file lock held: the whole lines past <see cref="_readBytes"/>. Bytes after the last
    /// newline are a line a killed process cut short (a live writer would hold the lock): cut off.</summary>
    void CatchUp()
    {
        if (!File.Exists(_path)) return;
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        if (stream.Length < _readBytes)
            throw new DecisionJournalException(_path, null, "it shrank while the sweep ran");
        if (stream.Length == _readBytes) return;
        stream.Position = _readBytes;
        var bytes = BoundedRead.Bytes(stream, Limits.MaxResultsFileBytes)
            ?? throw new DecisionJournalException(_path, null, $"it grew past {Limits.MaxResultsFileBytes / 1024 / 1024} MB, far more than any sweep decides");
        var appended = Parse(bytes, _path, _entries.Count + 1, out int wholeLength);
        foreach (var entry in appended) Add(entry);
        _readBytes += wholeLength;
        if (_readBytes < stream.Length)
        {
            stream.SetLength(_readBytes);
            stream.Flush(flushToDisk: true);
        }
    }

    void Add(JournalEntry entry)
    {
        _entries.Add(entry);
        _byQuestion.TryAdd(entry.Question, entry);
    }

    /// <summary>The journaled answer, if this question was answered before.</summary>
    public IReadOnlyList<Decision>? Answered(string question)
    {
        lock (_gate) return _byQuestion.TryGetValue(question, out var e) ? e.Decisions : null;
    }

    /// <summary>Reads a journal without repairing it (for `runner plan` and `runner status`).</summary>
    public static IReadOnlyList<JournalEntry> Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return Exists(path) ? Parse(ReadWhole(path), path, 1, out _) : [];
    }

    /// <summary>The journal's path, for messages about its content.</summary>
    public string FilePath => _path;

    void Append(JournalEntry entry)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(line, 0, line.Length);
        stream.Flush(flushToDisk: true);
        _readBytes += line.Length;
    }

    /// <summary>Whether there is a journal; a folder in its place is not one, and is refused rather than ignored.</summary>
    static bool Exists(string path) => Directory.Exists(path)
        ? throw new DecisionJournalException(path, null, "it is a folder, not the journal file Runner writes")
        : File.Exists(path);

    static List<JournalEntry> ReadAndRepair(string path)
    {
        var bytes = ReadWhole(path);
        var entries = Parse(bytes, path, 1, out int wholeLength);
        if (wholeLength < bytes.Length)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            stream.SetLength(wholeLength);
            stream.Flush(flushToDisk: true);
        }
        return entries;
    }

    static byte[] ReadWhole(string path) => BoundedRead.Bytes(path, Limits.MaxResultsFileBytes)
        ?? throw new DecisionJournalException(path, null, $"it is larger than {Limits.MaxResultsFileBytes / 1024 / 1024} MB, far more than any sweep decides");

    /// <summary>
    /// Every complete line (a UTF-8 byte-order mark at the file's start is skipped); <paramref name="wholeLength"/>
    /// is the number of bytes up to and with the last newline, counted in bytes so the repair cuts exactly there.
    /// </summary>
    static List<JournalEntry> Parse(ReadOnlySpan<byte> bytes, string path, int firstLine, out int wholeLength)
    {
        wholeLength = bytes.LastIndexOf((byte)'\n') + 1;
        var rest = bytes[..wholeLength];
        if (firstLine == 1 && rest.StartsWith("\uFEFF"u8)) rest = rest[3..];
        var entries = new List<JournalEntry>();
        for (int line = firstLine; !rest.IsEmpty; line++)
        {
            int end = rest.IndexOf((byte)'\n');
            var text = rest[..end];
            rest = rest[(end + 1)..];
            if (!text.Trim(" \t\r"u8).IsEmpty) entries.Add(Entry(text, path, line));
        }
        return entries;
    }

    static JournalEntry Entry(ReadOnlySpan<byte> line, string path, int number)
    {
        JournalEntry? entry;
        try { entry = JsonSerializer.Deserialize<JournalEntry>(line, Json); }
        catch (JsonException) { entry = null; }
        if (entry is { Question.Length: > 0, Decisions: { } decisions } && decisions.All(d => d is { Kind.Length: > 0, Subject: not null, Reason: not null }))
            return entry;
        throw new DecisionJournalException(path, number,
            "not a decision as Runner writes them (one JSON object per line: sequence, question, at, and decisions, each with kind, subject and reason)");
    }
}

/// <summary>
/// A decision journal Runner can't act on: edited, planted, cut by something other than a kill, or written
/// for another version of the experiment. Bad input (exit 2): the sweep can't go on from it safely.
/// </summary>
public sealed class DecisionJournalException(string path, int? line, string problem)
    : Exception($"{path}{(line is int l ? $":{l}" : "")}: {problem}. Move the results folder aside, or run with --fresh to archive it and start the sweep again");

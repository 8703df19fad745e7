using System.Globalization;
using System.Text;
using Runner.Files;

namespace Runner.Data;

/// <summary>
/// Finds the four idx files of a dataset: the cache first, then each source in order. Every file is
/// verified (SHA-256 of its decompressed content) before use; a bad cached file is deleted and
/// fetched again, and a good file found elsewhere is stored in the cache (complete or not at all).
/// A cached file that <see cref="VerificationStamps"/> shows unchanged since Runner verified it is not hashed again.
/// </summary>
internal sealed class DatasetFiles
{
    readonly IdxDatasetFiles _dataset;
    readonly string _cacheFolder;
    readonly DataContext _context;
    readonly Dictionary<IdxPart, byte[]> _found = [];
    readonly List<string> _tried = [];
    readonly VerificationStamps _stamps;
    bool _checksumMismatch;

    DatasetFiles(IdxDatasetFiles dataset, string cacheFolder, DataContext context) =>
        (_dataset, _cacheFolder, _context, _stamps) = (dataset, cacheFolder, context, VerificationStamps.Read(cacheFolder));

    IEnumerable<IdxFileSpec> Missing => _dataset.Files.Where(f => !_found.ContainsKey(f.Part));
    bool Complete => _found.Count == _dataset.Files.Count;

    /// <summary>The verified, decompressed content of every file; throws <see cref="DatasetUnavailableException"/>.</summary>
    public static IReadOnlyDictionary<IdxPart, byte[]> Load(
        IdxDatasetFiles dataset, string cacheFolder, IReadOnlyList<IIdxSource> sources, DataContext context)
    {
        var search = new DatasetFiles(dataset, cacheFolder, context);
        search.TakeFromCache();
        if (!search.Complete)
        {
            var scratch = Directory.CreateTempSubdirectory("runner-data-");
            try
            {
                for (int i = 0; i < sources.Count && !search.Complete; i++)
                    search.TakeFrom(sources[i], Path.Combine(scratch.FullName, i.ToString(CultureInfo.InvariantCulture)));
            }
            finally
            {
                try { scratch.Delete(recursive: true); } catch (IOException) { /* a leftover temp folder is harmless */ }
            }
        }
        search._stamps.Save();
        return search.Complete ? search._found : throw new DatasetUnavailableException(search.UnavailableMessage());
    }

    void TakeFromCache()
    {
        foreach (var file in _dataset.Files)
            foreach (var path in Candidates(_cacheFolder, file).Where(File.Exists))
            {
                var check = VerifiedFile.Read(path, file, _stamps);
                if (check.Content is not null) { _found[file.Part] = check.Content; break; }
                _context.Log($"{_dataset.Name}: the cached file {path} is unusable ({check.Problem}); deleted it, fetching again");
                _tried.Add($"the cache: {check.Problem}");
                _checksumMismatch |= check.WrongChecksum;
                TryDelete(path);
            }
        if (!Complete && _tried.Count == 0)
            _tried.Add($"the cache {_cacheFolder}: " + (_found.Count == 0 ? "the files are not there" : string.Join(", ", Missing.Select(f => f.FileName)) + " not there"));
    }

    void TakeFrom(IIdxSource source, string scratchFolder)
    {
        if (source.Fetches) _context.Log($"{_dataset.Name}: fetching with {source.Description} ...");
        string folder;
        try { folder = source.Provide(scratchFolder, _context.Cancel); }
        catch (SourceFailedException e) { _tried.Add($"{source.Description}: {e.Message}"); return; }

        var problems = new List<string>();
        int taken = 0;
        foreach (var file in Missing.ToList())
        {
            var path = Candidates(folder, file).FirstOrDefault(File.Exists);
            if (path is null) { problems.Add($"no {file.FileName}[.gz]"); continue; }
            var check = VerifiedFile.Read(path, file);
            if (check.Content is null)
            {
                problems.Add(check.Problem);
                _checksumMismatch |= check.WrongChecksum;
                continue;
            }
            _found[file.Part] = check.Content;
            taken++;
            StoreInCache(Path.Combine(_cacheFolder, file.FileName), check.Content);
        }
        if (problems.Count > 0) _tried.Add($"{source.Description}: {string.Join("; ", problems)}");
        if (taken > 0) _context.Log($"{_dataset.Name}: took {taken} verified file(s) from {source.Description}; cached in {_cacheFolder}");
    }

    /// <summary>The canonical name, then the gzipped name + .gz.</summary>
    static IEnumerable<string> Candidates(string folder, IdxFileSpec file) =>
        [Path.Combine(folder, file.FileName), Path.Combine(folder, file.FileName + ".gz")];

    /// <summary>A cache that can't be written (read-only home, full disk) costs a fetch next time, not this run.</summary>
    void StoreInCache(string path, byte[] content)
    {
        try { AtomicFile.WriteAllBytes(path, content); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _context.Log($"could not store {path} in the cache ({e.Message}); it will be fetched again next time");
        }
    }

    void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _context.Log($"could not delete {path} ({e.Message}); a verified copy will replace it");
        }
    }

    string UnavailableMessage()
    {
        var text = new StringBuilder($"dataset '{_dataset.Name}' is not available. Tried, in order:\n");
        foreach (var attempt in _tried) text.Append("  - ").Append(attempt).Append('\n');
        if (_checksumMismatch)
            text.Append("A file was found but its content differs from the published dataset (its SHA-256 does not match), ")
                .Append("even after fetching it again. The source serves different bytes (a changed package, a damaged ")
                .Append("download or disk), and Runner will not train on it because results would not be comparable.\n");
        text.Append($"To place the files by hand, put these four files, raw or gzipped (name + .gz), in {_cacheFolder}/ :\n");
        foreach (var file in _dataset.Files) text.Append($"  {file.FileName,-26} SHA-256 {file.Sha256}\n");
        text.Append("(The cache is $RUNNER_DATA, else $XDG_CACHE_HOME/runner/datasets, else ~/.cache/runner/datasets.)");
        return text.ToString();
    }
}

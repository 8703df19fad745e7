namespace Runner.Serve;

/// <summary>The front end's files (Serve/Assets), embedded in Runner: served from memory, found by exact name only.</summary>
public static class DashboardAssets
{
    public sealed record Asset(byte[] Content, string ContentType);

    const string Prefix = "serve/";

    static readonly Lazy<IReadOnlyDictionary<string, Asset>> All = new(() =>
    {
        var assembly = typeof(DashboardAssets).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary(
            n => n[Prefix.Length..],
            n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                return new Asset(memory.ToArray(), ContentType(n));
            }, StringComparer.Ordinal);
    });

    public static Asset? Find(string name) => All.Value.GetValueOrDefault(name);

    static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Runner.Serve;

/// <summary>
/// `runner serve`'s web server (Kestrel): the front end's own files, embedded in Runner, and a read-only
/// JSON API over the served sweeps. Requests name sweeps by key and runs by index, never by path, so no
/// request can reach a file outside what <see cref="SweepSnapshot"/> read; anything else is 404.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ServedSweeps _sweeps;
    readonly MisclassifiedImages _misclassified = new(Runner.Reporting.Charts.DatasetImageSources.Default);

    DashboardServer(WebApplication app, ServedSweeps sweeps)
    {
        _app = app;
        _sweeps = sweeps;
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:8050/ (the port the system chose for port 0).</summary>
    public Uri Address { get; private set; } = null!;

    public static async Task<DashboardServer> StartAsync(ServedSweeps sweeps, IPAddress host, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "runner-serve", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(host, port));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.WriteIndented = false);
        var app = builder.Build();
        var server = new DashboardServer(app, sweeps);
        server.Map(app, host);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.EndsWith('/') ? address : address + "/");
        sweeps.Start();
        return server;
    }

    void Map(WebApplication app, IPAddress host)
    {
        app.Use(async (context, next) =>
        {
            // A page elsewhere may make the browser ask a loopback server (DNS rebinding): on loopback only
            // loopback names are answered. Every answer forbids inline and foreign scripts, so even text a
            // results file smuggled into the page could not run.
            if (IPAddress.IsLoopback(host) && !LoopbackName(context.Request.Host.Host))
            {
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                return;
            }
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;   // read-only: nothing to post
                return;
            }
            await next(context);
        });

        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/assets/{name}", (string name) => Asset(name));
        app.MapGet("/api/sweeps", () => HttpResults.Json(_sweeps.List().Select(e => DashboardJson.Summary(e.Key, e.Folder, e.Version, e.Snapshot)).ToArray()));
        app.MapGet("/api/sweeps/{key}", (string key) =>
            _sweeps.Get(key) is { } s ? HttpResults.Bytes(s.Json, "application/json; charset=utf-8") : NotFound($"no sweep '{key}'"));
        app.MapGet("/api/sweeps/{key}/curves", (string key, string? column, string? configs) =>
        {
            if (_sweeps.Get(key) is not { } s) return NotFound($"no sweep '{key}'");
            var indexes = (configs ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(t => int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : -1)
                .Where(i => i >= 0).Take(200).ToArray();
            return HttpResults.Json(DashboardJson.Curves(s, _sweeps.Curves, column ?? s.Table?.Metric ?? Runner.Results.ResultsLayout.DefaultMetric, indexes));
        });
        app.MapGet("/api/sweeps/{key}/race", (string key) =>
            _sweeps.Get(key) is { } s ? HttpResults.Json(RaceRounds.Of(s)) : NotFound($"no sweep '{key}'"));
        app.MapGet("/api/sweeps/{key}/summaries", (string key, string? column) =>
            _sweeps.Get(key) is { } s ? HttpResults.Json(DashboardJson.Summaries(s, column ?? s.Table?.Metric ?? Runner.Results.ResultsLayout.DefaultMetric)) : NotFound($"no sweep '{key}'"));
        app.MapGet("/api/sweeps/{key}/runs/{index}", (string key, string index) =>
            Run(key, index, (s, i) => HttpResults.Json(DashboardJson.Run(s, _sweeps.Curves, i))));
        app.MapGet("/api/sweeps/{key}/runs/{index}/misclassified", (string key, string index) =>
            Run(key, index, (s, i) => HttpResults.Json(_misclassified.Of(s, s.Runs[i]))));
        app.MapGet("/api/events", Events);
        app.MapFallback(() => NotFound("no such page"));
    }

    /// <summary>
    /// Server-sent events: the version of every sweep, sent at once and again whenever one changes (a
    /// new epoch, a run ended, a sweep appeared), with a comment every 15 s to keep proxies from closing it.
    /// </summary>
    async Task Events(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        var cancel = context.RequestAborted;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var next = _sweeps.WaitForChange();
                var versions = _sweeps.List().ToDictionary(e => e.Key, e => e.Version);
                await context.Response.WriteAsync($"data: {JsonSerializer.Serialize(versions)}\n\n", cancel);
                await context.Response.Body.FlushAsync(cancel);
                while (await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(15), cancel)) != next)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", cancel);
                    await context.Response.Body.FlushAsync(cancel);
                }
            }
        }
        catch (OperationCanceledException) { /* the browser went away */ }
    }

    /// <summary>The answer about run <paramref name="index"/> of sweep <paramref name="key"/>, or 404.</summary>
    IResult Run(string key, string index, Func<SweepSnapshot, int, IResult> answer)
    {
        if (_sweeps.Get(key) is not { } s) return NotFound($"no sweep '{key}'");
        return int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < s.Runs.Count
            ? answer(s, i)
            : NotFound($"sweep '{key}' has no run {index}");
    }

    static bool LoopbackName(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" or "::1" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    static IResult NotFound(string message) => HttpResults.Json(new { error = message }, statusCode: StatusCodes.Status404NotFound);

    static IResult Asset(string name) =>
        DashboardAssets.Find(name) is { } asset ? HttpResults.Bytes(asset.Content, asset.ContentType) : NotFound($"no asset '{name}'");

    public async ValueTask DisposeAsync()
    {
        _sweeps.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Runs until <paramref name="stop"/> is cancelled.</summary>
    public Task WaitAsync(CancellationToken stop) => Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
}

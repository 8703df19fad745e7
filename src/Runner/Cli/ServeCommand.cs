using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Runner.Serve;

namespace Runner.Cli;

/// <summary>`runner serve [DIR...]`: a live, read-only dashboard of results folders in the browser.</summary>
public static class ServeCommand
{
    public const int DefaultPort = 8050;

    public static Command Create()
    {
        var dirs = new Argument<string[]>("dirs")
        {
            Description = "Results folders: an experiment's (results/optimizers) or one holding several (results); default: results",
            Arity = ArgumentArity.ZeroOrMore,
        };
        CommonOptions.RefuseOptionLookalikes(dirs);
        var port = new Option<int>("--port") { Description = $"Port to listen on (0: any free port); default {DefaultPort}", DefaultValueFactory = _ => DefaultPort };
        port.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && (!int.TryParse(r.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > 65535))
                r.AddError($"--port takes a number from 0 to 65535; got {r.Tokens[0].Value}");
        });
        var host = new Option<string>("--host")
        {
            Description = "Interface to listen on; default 127.0.0.1 (this machine only). Another one lets anyone who can reach it read the results",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var command = new Command("serve", "Show results folders as a live dashboard in the browser (read-only; this machine only unless --host)")
        {
            dirs, port, host, CommonOptions.Verbose(),
        };
        command.SetAction(parse => Serve(parse.GetValue(dirs) is { Length: > 0 } given ? given : ["results"], parse.GetValue(host)!, parse.GetValue(port)));
        return command;
    }

    static int Serve(string[] dirs, string hostText, int port)
    {
        var address = hostText == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(hostText, out var ip) ? ip : null;
        if (address is null)
        {
            Console.Error.WriteLine($"runner serve: --host takes an IP address of this machine (127.0.0.1, ::1, 0.0.0.0 for all); got '{hostText}'");
            return ExitCodes.ConfigError;
        }
        var folders = new SweepFolders(dirs);
        if (folders.Problem() is { } problem)
        {
            Console.Error.WriteLine($"runner serve: {problem}; give results folders, e.g. `runner serve results`");
            return ExitCodes.ConfigError;
        }
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        DashboardServer server;
        try
        {
            server = DashboardServer.StartAsync(new ServedSweeps(folders), address, port).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"runner serve: cannot listen on {address}:{port} ({e.Message}); choose another --port");
            return ExitCodes.RuntimeError;
        }
        // After the start: with --port 0 only the server knows the port it got.
        if (!IPAddress.IsLoopback(address))
            Console.Error.WriteLine($"runner serve: warning: listening on {address}, not only this machine: anyone who can reach port {server.Address.Port} " +
                                    "can read these results (there is no login). To share with one person, prefer an SSH tunnel.");
        Console.WriteLine($"Serving {string.Join(", ", folders.Roots)} at {server.Address} (read-only; Ctrl-C to stop)");
        server.WaitAsync(stop.Token).GetAwaiter().GetResult();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return ExitCodes.Ok;
    }
}

using Runner.Cli;

return RunnerCli.Invoke(args);

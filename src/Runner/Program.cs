using Runner.Cli;

Runner.Progress.TimeTrace.Mark("main started");
var code = RunnerCli.Invoke(args);
Runner.Progress.TimeTrace.Mark("exiting");
return code;

using Runner.Text;
using Runner.Cli;

TimeTrace.Mark("main started");
var code = RunnerCli.Invoke(args);
TimeTrace.Mark("exiting");
return code;

using System.CommandLine;
using VoiceGrains.Cli.Database;

var root = new RootCommand("voicegrains: the VoiceGrains contact center's command line");
root.Subcommands.Add(DatabaseCommands.Create());
return await root.Parse(args).InvokeAsync();

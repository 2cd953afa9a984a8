using System.CommandLine;
using VoiceGrains.Cli.Calls;
using VoiceGrains.Cli.Conversation;
using VoiceGrains.Cli.Database;
using VoiceGrains.Cli.Models;
using VoiceGrains.Cli.Operators;
using VoiceGrains.Cli.Speech;

var root = new RootCommand("voicegrains: the VoiceGrains contact center's command line");
root.Subcommands.Add(DatabaseCommands.Create());
root.Subcommands.Add(ModelCommands.Create());
root.Subcommands.Add(VadCommand.Create());
root.Subcommands.Add(SttCommand.Create());
root.Subcommands.Add(TtsCommand.Create());
root.Subcommands.Add(BenchCommands.Create());
root.Subcommands.Add(ChatCommand.Create());
root.Subcommands.Add(CallCommand.Create());
root.Subcommands.Add(OperatorCommands.Create());
return await root.Parse(args).InvokeAsync();

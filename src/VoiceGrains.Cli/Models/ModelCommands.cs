using System.CommandLine;
using VoiceGrains.Speech.Models;

namespace VoiceGrains.Cli.Models;

/// <summary><c>voicegrains models list|fetch|verify</c>: the pinned speech models and their installed copies.</summary>
public static class ModelCommands
{
    static readonly Argument<string[]> Names = new("names")
    {
        Description = "Model names (see 'models list'); none means every model marked default",
        Arity = ArgumentArity.ZeroOrMore,
    };

    static readonly Option<string?> Mirror = new("--mirror")
    {
        Description = "Folder holding copies of the model files (default: VOICEGRAINS_MODEL_MIRROR); missing files are downloaded",
    };

    static readonly Option<bool> Voices = new("--voices") { Description = "Also list every voice of Piper's catalogue (97), not only those installed" };

    public static Command Create()
    {
        var list = new Command("list", "Show every pinned model and whether it is installed");
        list.Options.Add(CatalogOption.Option);
        list.Options.Add(Voices);
        list.SetAction(List);

        var fetch = new Command("fetch", "Install models (a Piper voice with its config) from the mirror or the official URL, checking size and hash");
        fetch.Arguments.Add(Names);
        fetch.Options.Add(Mirror);
        fetch.Options.Add(CatalogOption.Option);
        fetch.SetAction((parse, cancellationToken) => FetchAsync(parse, cancellationToken));

        var verify = new Command("verify", "Re-check the hash of installed models");
        verify.Arguments.Add(Names);
        verify.Options.Add(CatalogOption.Option);
        verify.SetAction((parse, cancellationToken) => VerifyAsync(parse, cancellationToken));

        var models = new Command("models", "Speech models: pinned in models/models.json, installed in the model folder");
        models.Subcommands.Add(list);
        models.Subcommands.Add(fetch);
        models.Subcommands.Add(verify);
        return models;
    }

    static int List(ParseResult parse)
    {
        var store = ModelStore.Default();
        Console.WriteLine($"Model folder: {store.Directory}");
        var all = parse.GetValue(Voices);
        var hidden = 0;
        foreach (var model in CatalogOption.Models(parse))
        {
            // A Piper voice's config goes with its voice; the catalogue's 97 voices only when asked for or installed.
            if (model.Kind == "tts-config" || (model.Kind == "tts" && !all && !model.Default && !store.IsInstalled(model)))
            {
                hidden += model.Kind == "tts" ? 1 : 0;
                continue;
            }
            Console.WriteLine($"  {(store.IsInstalled(model) ? "installed" : "missing  ")}  {model.Name,-30} {model.Kind,-14} {model.Bytes / 1e6,7:0.0} MB{(model.Default ? "  default" : "")}  {model.Description}");
        }
        if (hidden > 0)
        {
            Console.WriteLine($"  and {hidden} Piper voices not installed (models list --voices shows them; install one with: models fetch piper:VOICE)");
        }
        return 0;
    }

    static async Task<int> FetchAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var models = Select(parse);
        if (models is null)
        {
            return 2;
        }

        var store = ModelStore.Default();
        var mirror = parse.GetValue(Mirror) ?? Environment.GetEnvironmentVariable("VOICEGRAINS_MODEL_MIRROR");
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        var fetcher = new ModelFetcher(store, http);
        var failures = 0;
        foreach (var model in models)
        {
            var progress = new ConsoleProgress(model);
            try
            {
                var outcome = await fetcher.FetchAsync(model, mirror, progress, cancellationToken);
                progress.Done();
                Console.WriteLine($"{model.Name}: {Describe(outcome)} ({store.PathOf(model)})");
            }
            catch (Exception e) when (e is ModelVerificationException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                progress.Done();
                await Console.Error.WriteLineAsync($"voicegrains: {model.Name}: {e.Message}");
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    static async Task<int> VerifyAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var models = Select(parse);
        if (models is null)
        {
            return 2;
        }

        var store = ModelStore.Default();
        var failures = 0;
        foreach (var model in models)
        {
            try
            {
                await store.VerifyAsync(model, cancellationToken);
                Console.WriteLine($"{model.Name}: ok");
            }
            catch (Exception e) when (e is ModelVerificationException or ModelNotInstalledException)
            {
                await Console.Error.WriteLineAsync($"voicegrains: {e.Message}");
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    static List<ModelEntry>? Select(ParseResult parse)
    {
        var names = parse.GetValue(Names) ?? [];
        var catalog = CatalogOption.Models(parse);
        try
        {
            // Entries installed together (a Piper voice and its config) follow the one named.
            return (names.Length == 0 ? catalog.Where(m => m.Default) : names.Select(name => ModelCatalog.Get(name, catalog)))
                .SelectMany(model => model.With.Select(name => ModelCatalog.Get(name, catalog)).Prepend(model))
                .Distinct().ToList();
        }
        catch (UnknownModelException e)
        {
            Console.Error.WriteLine($"voicegrains: {e.Message}");
            return null;
        }
    }

    static string Describe(FetchOutcome outcome) => outcome switch
    {
        FetchOutcome.AlreadyInstalled => "already installed, verified",
        FetchOutcome.CopiedFromMirror => "copied from the mirror, verified",
        _ => "downloaded, verified",
    };
}

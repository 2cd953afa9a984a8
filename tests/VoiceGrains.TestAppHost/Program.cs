using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using VoiceGrains.AppHost;

// TEST-ONLY: the product as AppHost composes it, but its silos are the scripted test silo, which hears each utterance
// the VAD finds as the next line of a call script (ScriptedRecognizer:Script) because Whisper's weights cannot reach
// this workplace. The production app host cannot choose it; this one refuses to run outside Development.
var builder = DistributedApplication.CreateBuilder(args);
if (!builder.Environment.IsDevelopment())
{
    throw new InvalidOperationException("The test app host stands in a test recognizer for Whisper: only a Development run may use it.");
}
var script = builder.Configuration["ScriptedRecognizer:Script"]
    ?? throw new InvalidOperationException("ScriptedRecognizer:Script is required: the call script the scripted silo hears.");
builder.AddVoiceGrains(system => system
    .AddProject<Projects.VoiceGrains_ScriptedSilo>("silo", launchProfileName: "http")
    .WithEnvironment("ScriptedRecognizer__Script", script));
builder.Build().Run();

using VoiceGrains.AppHost;

// The product: the system (AppHost/VoiceGrainsSystem.cs) with the production silo, which hears callers with Whisper.
var builder = DistributedApplication.CreateBuilder(args);
builder.AddVoiceGrains(system => system.AddProject<Projects.VoiceGrains_Silo>("silo", launchProfileName: "http"));
builder.Build().Run();

using VoiceGrains.Data;
using VoiceGrains.ScriptedSilo;
using VoiceGrains.Silo;

// TEST-ONLY: the production silo, hearing callers through ScriptedCallRecognizerForTests because Whisper's weights
// cannot reach this workplace. The production silo executable has no way to choose it.
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddVoiceGrainsSilo(ScriptedCallRecognizerForTests.FromConfiguration);

    var app = builder.Build();
    app.MapDefaultEndpoints();
    await app.RunAsync();
    return 0;
}
catch (DatabaseSetupException e)
{
    await Console.Error.WriteLineAsync($"voicegrains-scripted-silo: {e.Message}");
    return 2;
}

using Microsoft.Extensions.DependencyInjection;
using VoiceGrains.Data.Appointments;
using VoiceGrains.Data.Calls;
using VoiceGrains.Data.Customers;
using VoiceGrains.Data.Migrations;

namespace VoiceGrains.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The repositories and the migrator; the host registers the NpgsqlDataSource they share.</summary>
    public static IServiceCollection AddVoiceGrainsData(this IServiceCollection services)
    {
        services.AddSingleton<CallRepository>();
        services.AddSingleton<CustomerRepository>();
        services.AddSingleton<AppointmentRepository>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DemoSeeder>();
        return services;
    }
}

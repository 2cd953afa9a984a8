using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoiceGrains.Data.Appointments;
using VoiceGrains.Data.Business;
using VoiceGrains.Data.Calls;
using VoiceGrains.Data.Customers;
using VoiceGrains.Data.Migrations;
using VoiceGrains.Data.Orders;

namespace VoiceGrains.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The database every host uses: the connection string checked first (a missing or malformed one throws
    /// <see cref="DatabaseConfigurationException"/> before anything starts), then one NpgsqlDataSource with
    /// Aspire's health check, metrics and traces, and the repositories, migrator and seeder on top of it.
    /// </summary>
    public static IHostApplicationBuilder AddVoiceGrainsDatabase(this IHostApplicationBuilder builder)
    {
        VoiceGrainsDatabase.ReadConnectionString(builder.Configuration);
        builder.AddNpgsqlDataSource(VoiceGrainsDatabase.ConnectionName);
        builder.Services.AddVoiceGrainsData();
        return builder;
    }

    /// <summary>The repositories, migrator and seeder, over an NpgsqlDataSource registered elsewhere.</summary>
    public static IServiceCollection AddVoiceGrainsData(this IServiceCollection services)
    {
        services.AddSingleton<CallRepository>();
        services.AddSingleton<CustomerRepository>();
        services.AddSingleton<AppointmentRepository>();
        services.AddSingleton<OrderRepository>();
        services.AddSingleton<ExchangeRepository>();
        services.AddSingleton<Products.ProductRepository>();
        services.AddSingleton<Payments.PaymentMethodRepository>();
        services.AddSingleton<BusinessRepository>();
        services.AddSingleton<FunctionCallRepository>();
        services.AddSingleton<Analytics.AnalyticsRepository>();
        services.AddSingleton<DomainVocabularyRepository>();
        services.AddSingleton<Knowledge.KnowledgeRepository>();
        // The search a caller's question goes through (IKnowledgeSearch) also needs the sentence embedder: the
        // conversation services register both (AddVoiceGrainsConversation).
        services.AddSingleton<Knowledge.FullTextKnowledgeSearch>();
        services.AddSingleton<Campaigns.CampaignRepository>();
        services.AddSingleton<Campaigns.DoNotCallRepository>();
        services.AddSingleton<Surveys.SurveyRepository>();
        services.AddSingleton<Leads.LeadRepository>();
        services.AddSingleton<Messaging.TextMessageRepository>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<HistorySeeder>();
        return services;
    }
}

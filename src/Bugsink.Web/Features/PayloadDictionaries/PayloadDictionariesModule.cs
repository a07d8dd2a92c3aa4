namespace Bugsink.Web.Features.PayloadDictionaries;

public static class PayloadDictionariesModule
{
    public static IServiceCollection AddPayloadDictionaries(this IServiceCollection services)
    {
        services.AddSingleton<ProjectDictionaries>();
        services.AddHostedService(provider => provider.GetRequiredService<ProjectDictionaries>());
        services.AddSingleton<DictionaryTrainingTrigger>();
        services.AddTransient<TrainDictionaryJob>();
        return services;
    }
}

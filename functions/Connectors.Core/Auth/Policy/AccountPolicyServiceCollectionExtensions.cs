using Connectors.Core.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Policy;

public static class AccountPolicyServiceCollectionExtensions
{
    /// <summary>The action policy (seed defaults, configuration on top, validated at start-up) and the gate that applies it.</summary>
    public static IServiceCollection AddAccountPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AccountPolicyOptions>(configuration, AccountPolicyOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<AccountPolicyOptions>, AccountPolicyDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountPolicyOptions>, AccountPolicyValidator>());
        services.TryAddSingleton<AccountGate>();
        return services;
    }
}

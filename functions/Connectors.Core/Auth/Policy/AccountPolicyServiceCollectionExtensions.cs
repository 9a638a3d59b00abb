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
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AccountPolicyOptions.SectionName);

        // Stricter than the usual registration: a misspelt key in a security policy must stop the start, not be ignored.
        services.AddOptions<AccountPolicyOptions>()
            .Bind(section, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<AccountPolicyOptions>, AccountPolicyDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountPolicyOptions>>(new AccountPolicyValidator(section)));
        services.TryAddSingleton<AccountGate>();
        return services;
    }
}

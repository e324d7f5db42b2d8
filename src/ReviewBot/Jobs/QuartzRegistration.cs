using Quartz;
using ReviewBot.Data;

namespace ReviewBot.Jobs;

/// <summary>Quartz on the persistent store: SQLite by default, PostgreSQL clustered for scale-out.</summary>
internal static class QuartzRegistration
{
    public static IServiceCollection AddReviewBotQuartz(this IServiceCollection services, IConfiguration configuration, bool runJobs)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var jobs = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        var connectionString = StorageConnectionStrings.ForJobs(storage);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "reviewbot";
                s.GenerateInstanceId = true;

                // Quartz's default is 30 s: a worker that found the queue empty would sleep through a burst of
                // deliveries another process queued.
                s.IdleWaitTime = jobs.PollInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : jobs.PollInterval;
            });
            q.UseDefaultThreadPool(jobs.Concurrency);
            q.UsePersistentStore(store =>
            {
                if (storage.Provider == StorageProvider.Postgres)
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = jobs.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = jobs.ClusterCheckinMisfireThreshold;
                    });
                }
                else
                {
                    store.UseSqlite(connectionString);
                }

                store.ConfigureStore(o => o.DbRetryInterval = jobs.DbRetryInterval);
                store.ProvisionSchema();
            });
        });

        // A web-only process schedules jobs through a scheduler it never starts; workers run them.
        if (runJobs)
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        }

        return services;
    }
}

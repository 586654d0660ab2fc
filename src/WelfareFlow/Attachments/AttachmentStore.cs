using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Storage;

namespace WelfareFlow.Attachments;

public sealed record AttachmentInfo(string Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt);

/// <summary>
/// Case attachments as blobs <c>{roundId}/{districtId}/{slot}</c> in one container per task hub. A case has
/// <see cref="AttachmentKinds.MaxPerCase"/> slots and a file takes a free one with a create-only write
/// (If-None-Match: *), so two uploads at once can never make a sixth file.
/// </summary>
public sealed class AttachmentStore
{
    const string FileNameKey = "filename", UploadedAtKey = "uploadedat";

    readonly BlobContainerClient container;
    readonly CreatedOnce created;

    public AttachmentStore(StorageAccount account, IOptions<WelfareFlowOptions> options)
    {
        var hub = new string(options.Value.TaskHub.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        container = account.CreateBlobServiceClient().GetBlobContainerClient($"{hub}-attachments");
        created = new CreatedOnce(() => container.CreateIfNotExistsAsync());
    }

    public async Task<List<AttachmentInfo>> ListAsync(string roundId, string districtId, CancellationToken cancellationToken = default) =>
        (await ListPrefixAsync($"{roundId}/{districtId}/", cancellationToken)).Select(b => b.Info).ToList();

    /// <summary>Every attachment of a round, by district: one listing for the judges' page.</summary>
    public async Task<ILookup<string, AttachmentInfo>> ListRoundAsync(string roundId, CancellationToken cancellationToken = default) =>
        (await ListPrefixAsync($"{roundId}/", cancellationToken)).ToLookup(b => b.DistrictId, b => b.Info, StringComparer.Ordinal);

    /// <summary>Stores the file in a free slot; null when every slot is taken.</summary>
    public async Task<AttachmentInfo?> TryAddAsync(string roundId, string districtId, string fileName, string contentType, Stream content, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var taken = (await ListAsync(roundId, districtId, cancellationToken)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var slot in Enumerable.Range(1, AttachmentKinds.MaxPerCase).Select(i => i.ToString(CultureInfo.InvariantCulture)).Where(s => !taken.Contains(s)))
        {
            content.Position = 0;
            try
            {
                await container.GetBlobClient(Name(roundId, districtId, slot)).UploadAsync(content, new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                    Metadata = new Dictionary<string, string>
                    {
                        // Metadata is ASCII only: Korean names are stored escaped.
                        [FileNameKey] = Uri.EscapeDataString(fileName),
                        [UploadedAtKey] = now.ToString("O", CultureInfo.InvariantCulture),
                    },
                }, cancellationToken);
                return new AttachmentInfo(slot, fileName, contentType, content.Length, now);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another upload took this slot in the meantime: try the next.
            }
        }

        return null;
    }

    public async Task<(AttachmentInfo Info, Stream Content)?> OpenAsync(string roundId, string districtId, string id, CancellationToken cancellationToken = default)
    {
        if (!IsSlot(id)) return null;
        await created.EnsureAsync();
        try
        {
            var download = await container.GetBlobClient(Name(roundId, districtId, id)).DownloadStreamingAsync(cancellationToken: cancellationToken);
            var details = download.Value.Details;
            return (Info(id, details.Metadata, details.ContentType, details.ContentLength, details.LastModified), download.Value.Content);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Copies a case's files into another round (a finalist's case carried into the final). Create-only
    /// writes of the same slots, so a retry copies nothing twice.</summary>
    public async Task CopyCaseAsync(string fromRoundId, string toRoundId, string districtId, CancellationToken cancellationToken = default)
    {
        foreach (var info in await ListAsync(fromRoundId, districtId, cancellationToken))
        {
            var source = container.GetBlobClient(Name(fromRoundId, districtId, info.Id));
            var download = await source.DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var content = download.Value.Content;
            try
            {
                await container.GetBlobClient(Name(toRoundId, districtId, info.Id)).UploadAsync(content, new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = info.ContentType },
                    Metadata = download.Value.Details.Metadata,
                }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Copied by an earlier try.
            }
        }
    }

    public async Task<bool> DeleteAsync(string roundId, string districtId, string id, CancellationToken cancellationToken = default)
    {
        if (!IsSlot(id)) return false;
        await created.EnsureAsync();
        return (await container.GetBlobClient(Name(roundId, districtId, id)).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;
    }

    async Task<List<(string DistrictId, AttachmentInfo Info)>> ListPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        await created.EnsureAsync();
        var found = new List<(string, AttachmentInfo)>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken))
        {
            if (blob.Name.Split('/') is not [_, var districtId, var slot]) continue;
            var properties = blob.Properties;
            found.Add((districtId, Info(slot, blob.Metadata, properties.ContentType, properties.ContentLength ?? 0, properties.LastModified ?? default)));
        }

        return [.. found.OrderBy(f => f.Item2.UploadedAt).ThenBy(f => f.Item2.Id, StringComparer.Ordinal)];
    }

    static AttachmentInfo Info(string id, IDictionary<string, string> metadata, string contentType, long size, DateTimeOffset modified)
    {
        var name = metadata.TryGetValue(FileNameKey, out var escaped) ? Uri.UnescapeDataString(escaped) : "attachment";
        var uploaded = metadata.TryGetValue(UploadedAtKey, out var at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : modified;
        return new AttachmentInfo(id, name, contentType, size, uploaded);
    }

    static bool IsSlot(string id) => id.Length == 1 && id[0] >= '1' && id[0] < '1' + AttachmentKinds.MaxPerCase;

    static string Name(string roundId, string districtId, string slot) => $"{roundId}/{districtId}/{slot}";
}

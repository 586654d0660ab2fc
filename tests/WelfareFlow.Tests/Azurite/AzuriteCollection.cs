namespace WelfareFlow.Tests.Azurite;

/// <summary>Put <c>[Collection("azurite")]</c> on a test class to get the shared <see cref="AzuriteFixture"/> in its constructor.</summary>
[CollectionDefinition("azurite")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;

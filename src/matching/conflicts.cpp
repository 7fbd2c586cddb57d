// Conflict checks for the lawyers that are returned: the near matches a
// person must review, and the text of exact ones. Exact matches are found
// earlier by key lookup (filters.cpp); near matches need a comparison with
// every name of the lists that apply, so they are computed only here.
#include "matching/engine.hpp"

namespace atip {
inline namespace v1 {
namespace matching {

namespace {

const char* source_name(PostingOwner owner) {
  switch (owner) {
    case PostingOwner::lawyer_register: return "lawyer_register";
    case PostingOwner::firm_register: return "firm_register";
    case PostingOwner::firm_exclusion: return "firm_exclusion";
  }
  return "lawyer_register";
}

const char* list_phrase(PostingOwner owner) {
  switch (owner) {
    case PostingOwner::lawyer_register: return "the lawyer's conflict register";
    case PostingOwner::firm_register: return "the firm's conflict register";
    case PostingOwner::firm_exclusion: return "the parties the firm excludes";
  }
  return "a conflict register";
}

const NameSet& list_entry(const Index& index, PostingOwner owner, std::uint32_t slot, std::uint32_t entry) {
  if (owner == PostingOwner::lawyer_register) return index.infos[slot].conflict_register[entry];
  if (owner == PostingOwner::firm_register) return index.organizations[slot].conflict_register[entry];
  return index.organizations[slot].excluded_parties[entry];
}

const std::string& owner_id(const Index& index, PostingOwner owner, std::uint32_t slot) {
  return owner == PostingOwner::lawyer_register ? index.infos[slot].id : index.organizations[slot].id;
}

void review_list(const Index& index, const MatterContext& context, PostingOwner owner, std::uint32_t slot,
                 const std::vector<NameSet>& entries, const NameVariants& variants, double threshold,
                 std::vector<ConflictReview>& out) {
  for (const NameSet& party : context.parties) {
    for (const NameSet& entry : entries) {
      const NameMatch match = compare_name_sets(party, entry, variants, threshold);
      if (match.kind != NameMatchKind::near) continue;
      out.push_back({party[match.left].text, entry[match.right].text, source_name(owner), owner_id(index, owner, slot),
                     match.rule, match.similarity});
    }
  }
}

}  // namespace

std::vector<ConflictReview> conflict_reviews(const Index& index, const MatterContext& context, std::uint32_t lawyer,
                                             const NameVariants& variants, double threshold) {
  std::vector<ConflictReview> out;
  if (context.parties.empty()) return out;
  review_list(index, context, PostingOwner::lawyer_register, lawyer, index.infos[lawyer].conflict_register, variants,
              threshold, out);
  const std::int32_t firm = index.rows[lawyer].firm;
  if (firm >= 0 && index.organizations[static_cast<std::size_t>(firm)].present) {
    const auto slot = static_cast<std::uint32_t>(firm);
    const OrganizationRow& row = index.organizations[slot];
    review_list(index, context, PostingOwner::firm_register, slot, row.conflict_register, variants, threshold, out);
    review_list(index, context, PostingOwner::firm_exclusion, slot, row.excluded_parties, variants, threshold, out);
  }
  return out;
}

std::string conflict_detail(const Index& index, const MatterContext& context, const ConflictHit& hit) {
  const NameSet& entry = list_entry(index, hit.owner, hit.owner_slot, hit.entry);
  const std::string& party = context.parties[hit.party][hit.party_name].text;
  std::string text = "party \"" + party + "\" matches \"" + entry[hit.register_name].text + "\" in " + list_phrase(hit.owner);
  if (hit.owner != PostingOwner::lawyer_register) text += " (" + index.organizations[hit.owner_slot].name + ")";
  return text;
}

namespace {

std::string review_text(const ConflictReview& review) {
  return "possible conflict: party \"" + review.party_name + "\" resembles \"" + review.register_name + "\" (" +
         review.source + " of " + review.owner_id + ", " + std::string(to_string(review.rule)) + ", similarity " +
         format_score(review.similarity) + "); review before offering";
}

}  // namespace

Match make_match(const Index& index, const MatterContext& context, const Scorer& scorer, const Evaluation& evaluation,
                 const NameVariants& variants, const Policy& policy, std::uint32_t lawyer, bool explain) {
  const LawyerRow& row = index.rows[lawyer];
  Match match;
  match.lawyer_id = index.infos[lawyer].id;
  match.lawyer_name = index.infos[lawyer].name;
  if (row.firm >= 0) match.firm_id = index.organizations[static_cast<std::size_t>(row.firm)].id;
  const int ngo = scorer.ngo_count(lawyer);
  const ComponentArray components = scorer.components(lawyer, ngo);
  match.score = scorer.combine(components);
  for (std::size_t c = 0; c < kComponentCount; ++c) {
    match.components.push_back({kAllComponents[c], components[c], policy.weights.of(kAllComponents[c])});
  }
  match.needs_local_co_counsel = evaluation.co_counsel.test(lawyer);
  if (!explain) return match;
  match.reasons = scorer.reasons(lawyer, components, ngo, match.needs_local_co_counsel);
  match.conflict_reviews = conflict_reviews(index, context, lawyer, variants, policy.near_conflict_threshold);
  for (const ConflictReview& review : match.conflict_reviews) match.reasons.push_back({"conflict", review_text(review)});
  return match;
}

}  // namespace matching
}  // namespace v1
}  // namespace atip

// The reference data, kept as JSON so it is read by the same strict reader as
// any import. Facts marked "verified": false were not confirmed in a primary
// source.
#include "atip/reference_data.hpp"

namespace atip {
inline namespace v1 {

namespace {

constexpr const char* kTaxonomy = R"json([
  {"code": "prosecution", "name": "Assistance with prosecution",
   "description": "Support to victims and prosecutors in criminal proceedings against traffickers"},
  {"code": "prosecution.victim_representation", "parent": "prosecution", "name": "Victim representation in criminal proceedings"},
  {"code": "prosecution.witness_support", "parent": "prosecution", "name": "Witness preparation and support"},
  {"code": "victim_protection", "name": "Victim protection",
   "description": "Protection orders, shelter, identification as a victim, non-punishment"},
  {"code": "victim_protection.identification", "parent": "victim_protection", "name": "Victim identification and non-punishment"},
  {"code": "compensation", "name": "Compensation and restitution"},
  {"code": "compensation.criminal_restitution", "parent": "compensation", "name": "Restitution orders in criminal proceedings"},
  {"code": "compensation.civil_compensation", "parent": "compensation", "name": "Civil compensation claims"},
  {"code": "strategic_litigation", "name": "Strategic litigation"},
  {"code": "immigration", "name": "Immigration and repatriation"},
  {"code": "immigration.repatriation", "parent": "immigration", "name": "Repatriation"},
  {"code": "immigration.status", "parent": "immigration", "name": "Residence and visa status"},
  {"code": "labour", "name": "Labour and wage claims"},
  {"code": "labour.wage_claims", "parent": "labour", "name": "Unpaid wage claims"},
  {"code": "labour.forced_labour", "parent": "labour", "name": "Forced labour and debt bondage"},
  {"code": "civil_claims", "name": "Civil claims"},
  {"code": "legal_training", "name": "Legal training"},
  {"code": "general_advice", "name": "General legal advice"},
  {"code": "ngo_operations", "name": "NGO operations", "description": "Legal needs of the NGOs themselves"},
  {"code": "ngo_operations.employment_contracts", "parent": "ngo_operations", "name": "Staff employment contracts"},
  {"code": "ngo_operations.registration", "parent": "ngo_operations", "name": "NGO registration and governance"},
  {"code": "ngo_operations.tax", "parent": "ngo_operations", "name": "Tax and charitable status"},
  {"code": "ngo_operations.data_protection", "parent": "ngo_operations", "name": "Data protection"}
])json";

constexpr const char* kJurisdictions = R"json([
  {"code": "HK", "name": "Hong Kong",
   "court_languages": ["yue", "zh-Hant", "en"], "official_languages": ["zh-Hant", "en"],
   "statutes": [
     {"title": "Crimes Ordinance, s.129 trafficking in persons to or from Hong Kong", "citation": "Cap. 200 s.129"},
     {"title": "Crimes Ordinance, s.130 control of persons for prostitution", "citation": "Cap. 200 s.130"},
     {"title": "Crimes Ordinance, s.131 procurement", "citation": "Cap. 200 s.131"},
     {"title": "Crimes Ordinance, s.137 living on earnings of prostitution", "citation": "Cap. 200 s.137"},
     {"title": "Official Languages Ordinance", "citation": "Cap. 5 s.3"}],
   "activity_rules": {"appear_in_court": "local", "advise_local_law": "local", "draft": "local",
                      "advise_foreign_law": "any", "train": "any", "research": "any"},
   "admission_notes": "Only admitted solicitors and barristers advise on or litigate Hong Kong law. Registered foreign lawyers (Legal Practitioners Ordinance, Cap. 159; Cap. 159S) advise only on foreign or international law. A foreign barrister may be admitted ad hoc for one case (Cap. 159 s.27(4)). Indemnity cover is firm-level, so pro bono work needs the firm's approval."},
  {"code": "MM", "name": "Myanmar",
   "court_languages": ["my"], "official_languages": ["my"],
   "statutes": [
     {"title": "Anti Trafficking in Persons Law 2005", "citation": "Law No. 5/2005"},
     {"title": "Anti Trafficking in Persons Law 2022 (replacing the 2005 law)", "citation": "law number unverified", "verified": false},
     {"title": "Constitution of the Republic of the Union of Myanmar 2008, s.450 (official language)", "citation": "2008 Constitution s.450"}],
   "activity_rules": {"appear_in_court": "local", "advise_local_law": "local", "draft": "local",
                      "advise_foreign_law": "any", "train": "any", "research": "any"},
   "admission_notes": "Advocates and higher-grade pleaders under the Bar Council Act (1929) and the Legal Practitioners Act (1880). That foreign lawyers cannot appear in court is unverified but likely; international firms advise from Yangon."},
  {"code": "VN", "name": "Viet Nam",
   "court_languages": ["vi"], "official_languages": ["vi"],
   "statutes": [
     {"title": "Law on Prevention and Combat of Human Trafficking (in force 1 July 2025; legal assistance to victims, art. 37)", "citation": "No. 53/2024/QH15"},
     {"title": "Penal Code 2015, arts. 150-151", "citation": "Penal Code 2015 arts. 150-151", "verified": false},
     {"title": "Criminal Procedure Code 2015, art. 70 (interpreters)", "citation": "CPC 2015 art. 70"}],
   "activity_rules": {"appear_in_court": "local", "advise_local_law": "local", "draft": "local",
                      "advise_foreign_law": "any", "train": "any", "research": "any"},
   "admission_notes": "Law on Lawyers No. 65/2006/QH11 as amended by No. 20/2012/QH13: foreign lawyers advise on foreign and international law, on Vietnamese law only with a Vietnamese law degree, and may not litigate in Vietnamese courts."},
  {"code": "TH", "name": "Thailand",
   "court_languages": ["th"], "official_languages": ["th"],
   "statutes": [
     {"title": "Anti-Trafficking in Persons Act B.E. 2551 (2008)", "citation": "B.E. 2551"},
     {"title": "Anti-Trafficking in Persons Act (No. 3) B.E. 2560 (2017): forced labour, debt bondage, seizure of documents", "citation": "B.E. 2560"},
     {"title": "Emergency Decree amending the Anti-Trafficking in Persons Act B.E. 2562 (2019)", "citation": "B.E. 2562"},
     {"title": "Civil Procedure Code s.46 (Thai pleadings, certified translations)", "citation": "CPC s.46"}],
   "activity_rules": {"appear_in_court": "local", "advise_local_law": "local", "draft": "local",
                      "advise_foreign_law": "any", "train": "any", "research": "any"},
   "admission_notes": "Court practice needs a licence from the Lawyers Council under the Lawyers Act B.E. 2528 (1985) (Thai law degree and Council exam); foreign firms work as consultancies."},
  {"code": "KH", "name": "Cambodia",
   "court_languages": ["km"], "official_languages": ["km"],
   "statutes": [
     {"title": "Law on Suppression of Human Trafficking and Sexual Exploitation (15 February 2008)", "citation": "NS/RKM/0208/005"},
     {"title": "Criminal Code 2010", "citation": "Criminal Code 2010"},
     {"title": "Code of Criminal Procedure 2007", "citation": "CCP 2007"}],
   "activity_rules": {"appear_in_court": "local", "advise_local_law": "with_local", "draft": "with_local",
                      "advise_foreign_law": "any", "train": "any", "research": "any"},
   "admission_notes": "Law on the Bar (1995): practice requires Khmer nationality and Bar Association membership. Art. 5: a foreign lawyer works only together with a Khmer lawyer, with Bar authorisation and on reciprocity, and never represents a client."},
  {"code": "CN", "name": "China", "court_languages": ["zh-Hans"], "official_languages": ["zh-Hans"],
   "activity_rules": {"appear_in_court": "local", "advise_local_law": "local"},
   "admission_notes": "Neighbouring jurisdiction: court language only; court work and advice on local law assumed to need local admission."},
  {"code": "LA", "name": "Laos", "court_languages": ["lo"], "official_languages": ["lo"],
   "activity_rules": {"appear_in_court": "local", "advise_local_law": "local"},
   "admission_notes": "Neighbouring jurisdiction: court language only; court work and advice on local law assumed to need local admission."},
  {"code": "MY", "name": "Malaysia", "court_languages": ["ms", "en"], "official_languages": ["ms"],
   "activity_rules": {"appear_in_court": "local", "advise_local_law": "local"},
   "admission_notes": "Neighbouring jurisdiction: court languages only; court work and advice on local law assumed to need local admission."},
  {"code": "SG", "name": "Singapore", "court_languages": ["en"], "official_languages": ["en", "ms", "zh-Hans", "ta"],
   "activity_rules": {"appear_in_court": "local", "advise_local_law": "local"},
   "admission_notes": "Neighbouring jurisdiction: court language only; court work and advice on local law assumed to need local admission."},
  {"code": "ID", "name": "Indonesia", "court_languages": ["id"], "official_languages": ["id"],
   "activity_rules": {"appear_in_court": "local", "advise_local_law": "local"},
   "admission_notes": "Neighbouring jurisdiction: court language only; court work and advice on local law assumed to need local admission."},
  {"code": "PH", "name": "Philippines", "court_languages": ["en", "fil"], "official_languages": ["fil", "en"],
   "activity_rules": {"appear_in_court": "local", "advise_local_law": "local"},
   "admission_notes": "Neighbouring jurisdiction: court languages only; court work and advice on local law assumed to need local admission."}
])json";

Dataset build_reference_dataset() {
  nlohmann::json document;
  document["practice_areas"] = nlohmann::json::parse(kTaxonomy);
  document["jurisdictions"] = nlohmann::json::parse(kJurisdictions);
  return dataset_from_json(document);
}

}  // namespace

const Dataset& reference_dataset() {
  static const Dataset data = build_reference_dataset();
  return data;
}

}  // namespace v1
}  // namespace atip

use std::borrow::Cow;
use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::form::{FormValue, FormWriter};
use super::read::{JsonReader, ReadJson};

/// A currency: a three-letter ISO 4217 code, lowercase as Stripe writes it
/// (`Currency::USD` is `usd`).
///
/// Every ISO 4217 code is a constant; any other code (one Stripe supports that is newer
/// than this list) is made with `Currency::from("xyz")` and sent as given, lowercased.
/// An answer's code is kept as it came, known or not: reading never fails on one.
///
/// ```
/// use stripe_client::Currency;
/// assert_eq!(Currency::USD.as_str(), "usd");
/// assert_eq!(Currency::from("EUR"), Currency::EUR);
/// assert_eq!("jpy".parse::<Currency>().unwrap(), Currency::JPY);
/// assert!(Currency::USD.is_known());
/// assert!(!Currency::from("abc").is_known());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: Cow<'static, str>,
}

impl Currency {
    const fn known(code: &'static str) -> Self {
        Self {
            code: Cow::Borrowed(code),
        }
    }

    /// The code as Stripe writes it (`usd`).
    pub fn as_str(&self) -> &str {
        &self.code
    }

    /// Whether the code is one of ISO 4217's (a constant of this type).
    pub fn is_known(&self) -> bool {
        ISO_4217.binary_search(&self.code.as_ref()).is_ok()
    }

    /// `aed`
    pub const AED: Currency = Currency::known("aed");
    /// `afn`
    pub const AFN: Currency = Currency::known("afn");
    /// `all`
    pub const ALL: Currency = Currency::known("all");
    /// `amd`
    pub const AMD: Currency = Currency::known("amd");
    /// `ang`
    pub const ANG: Currency = Currency::known("ang");
    /// `aoa`
    pub const AOA: Currency = Currency::known("aoa");
    /// `ars`
    pub const ARS: Currency = Currency::known("ars");
    /// `aud`
    pub const AUD: Currency = Currency::known("aud");
    /// `awg`
    pub const AWG: Currency = Currency::known("awg");
    /// `azn`
    pub const AZN: Currency = Currency::known("azn");
    /// `bam`
    pub const BAM: Currency = Currency::known("bam");
    /// `bbd`
    pub const BBD: Currency = Currency::known("bbd");
    /// `bdt`
    pub const BDT: Currency = Currency::known("bdt");
    /// `bgn`
    pub const BGN: Currency = Currency::known("bgn");
    /// `bhd`
    pub const BHD: Currency = Currency::known("bhd");
    /// `bif`
    pub const BIF: Currency = Currency::known("bif");
    /// `bmd`
    pub const BMD: Currency = Currency::known("bmd");
    /// `bnd`
    pub const BND: Currency = Currency::known("bnd");
    /// `bob`
    pub const BOB: Currency = Currency::known("bob");
    /// `bov`
    pub const BOV: Currency = Currency::known("bov");
    /// `brl`
    pub const BRL: Currency = Currency::known("brl");
    /// `bsd`
    pub const BSD: Currency = Currency::known("bsd");
    /// `btn`
    pub const BTN: Currency = Currency::known("btn");
    /// `bwp`
    pub const BWP: Currency = Currency::known("bwp");
    /// `byn`
    pub const BYN: Currency = Currency::known("byn");
    /// `bzd`
    pub const BZD: Currency = Currency::known("bzd");
    /// `cad`
    pub const CAD: Currency = Currency::known("cad");
    /// `cdf`
    pub const CDF: Currency = Currency::known("cdf");
    /// `che`
    pub const CHE: Currency = Currency::known("che");
    /// `chf`
    pub const CHF: Currency = Currency::known("chf");
    /// `chw`
    pub const CHW: Currency = Currency::known("chw");
    /// `clf`
    pub const CLF: Currency = Currency::known("clf");
    /// `clp`
    pub const CLP: Currency = Currency::known("clp");
    /// `cny`
    pub const CNY: Currency = Currency::known("cny");
    /// `cop`
    pub const COP: Currency = Currency::known("cop");
    /// `cou`
    pub const COU: Currency = Currency::known("cou");
    /// `crc`
    pub const CRC: Currency = Currency::known("crc");
    /// `cuc`
    pub const CUC: Currency = Currency::known("cuc");
    /// `cup`
    pub const CUP: Currency = Currency::known("cup");
    /// `cve`
    pub const CVE: Currency = Currency::known("cve");
    /// `czk`
    pub const CZK: Currency = Currency::known("czk");
    /// `djf`
    pub const DJF: Currency = Currency::known("djf");
    /// `dkk`
    pub const DKK: Currency = Currency::known("dkk");
    /// `dop`
    pub const DOP: Currency = Currency::known("dop");
    /// `dzd`
    pub const DZD: Currency = Currency::known("dzd");
    /// `egp`
    pub const EGP: Currency = Currency::known("egp");
    /// `ern`
    pub const ERN: Currency = Currency::known("ern");
    /// `etb`
    pub const ETB: Currency = Currency::known("etb");
    /// `eur`
    pub const EUR: Currency = Currency::known("eur");
    /// `fjd`
    pub const FJD: Currency = Currency::known("fjd");
    /// `fkp`
    pub const FKP: Currency = Currency::known("fkp");
    /// `gbp`
    pub const GBP: Currency = Currency::known("gbp");
    /// `gel`
    pub const GEL: Currency = Currency::known("gel");
    /// `ghs`
    pub const GHS: Currency = Currency::known("ghs");
    /// `gip`
    pub const GIP: Currency = Currency::known("gip");
    /// `gmd`
    pub const GMD: Currency = Currency::known("gmd");
    /// `gnf`
    pub const GNF: Currency = Currency::known("gnf");
    /// `gtq`
    pub const GTQ: Currency = Currency::known("gtq");
    /// `gyd`
    pub const GYD: Currency = Currency::known("gyd");
    /// `hkd`
    pub const HKD: Currency = Currency::known("hkd");
    /// `hnl`
    pub const HNL: Currency = Currency::known("hnl");
    /// `htg`
    pub const HTG: Currency = Currency::known("htg");
    /// `huf`
    pub const HUF: Currency = Currency::known("huf");
    /// `idr`
    pub const IDR: Currency = Currency::known("idr");
    /// `ils`
    pub const ILS: Currency = Currency::known("ils");
    /// `inr`
    pub const INR: Currency = Currency::known("inr");
    /// `iqd`
    pub const IQD: Currency = Currency::known("iqd");
    /// `irr`
    pub const IRR: Currency = Currency::known("irr");
    /// `isk`
    pub const ISK: Currency = Currency::known("isk");
    /// `jmd`
    pub const JMD: Currency = Currency::known("jmd");
    /// `jod`
    pub const JOD: Currency = Currency::known("jod");
    /// `jpy`
    pub const JPY: Currency = Currency::known("jpy");
    /// `kes`
    pub const KES: Currency = Currency::known("kes");
    /// `kgs`
    pub const KGS: Currency = Currency::known("kgs");
    /// `khr`
    pub const KHR: Currency = Currency::known("khr");
    /// `kmf`
    pub const KMF: Currency = Currency::known("kmf");
    /// `kpw`
    pub const KPW: Currency = Currency::known("kpw");
    /// `krw`
    pub const KRW: Currency = Currency::known("krw");
    /// `kwd`
    pub const KWD: Currency = Currency::known("kwd");
    /// `kyd`
    pub const KYD: Currency = Currency::known("kyd");
    /// `kzt`
    pub const KZT: Currency = Currency::known("kzt");
    /// `lak`
    pub const LAK: Currency = Currency::known("lak");
    /// `lbp`
    pub const LBP: Currency = Currency::known("lbp");
    /// `lkr`
    pub const LKR: Currency = Currency::known("lkr");
    /// `lrd`
    pub const LRD: Currency = Currency::known("lrd");
    /// `lsl`
    pub const LSL: Currency = Currency::known("lsl");
    /// `lyd`
    pub const LYD: Currency = Currency::known("lyd");
    /// `mad`
    pub const MAD: Currency = Currency::known("mad");
    /// `mdl`
    pub const MDL: Currency = Currency::known("mdl");
    /// `mga`
    pub const MGA: Currency = Currency::known("mga");
    /// `mkd`
    pub const MKD: Currency = Currency::known("mkd");
    /// `mmk`
    pub const MMK: Currency = Currency::known("mmk");
    /// `mnt`
    pub const MNT: Currency = Currency::known("mnt");
    /// `mop`
    pub const MOP: Currency = Currency::known("mop");
    /// `mru`
    pub const MRU: Currency = Currency::known("mru");
    /// `mur`
    pub const MUR: Currency = Currency::known("mur");
    /// `mvr`
    pub const MVR: Currency = Currency::known("mvr");
    /// `mwk`
    pub const MWK: Currency = Currency::known("mwk");
    /// `mxn`
    pub const MXN: Currency = Currency::known("mxn");
    /// `mxv`
    pub const MXV: Currency = Currency::known("mxv");
    /// `myr`
    pub const MYR: Currency = Currency::known("myr");
    /// `mzn`
    pub const MZN: Currency = Currency::known("mzn");
    /// `nad`
    pub const NAD: Currency = Currency::known("nad");
    /// `ngn`
    pub const NGN: Currency = Currency::known("ngn");
    /// `nio`
    pub const NIO: Currency = Currency::known("nio");
    /// `nok`
    pub const NOK: Currency = Currency::known("nok");
    /// `npr`
    pub const NPR: Currency = Currency::known("npr");
    /// `nzd`
    pub const NZD: Currency = Currency::known("nzd");
    /// `omr`
    pub const OMR: Currency = Currency::known("omr");
    /// `pab`
    pub const PAB: Currency = Currency::known("pab");
    /// `pen`
    pub const PEN: Currency = Currency::known("pen");
    /// `pgk`
    pub const PGK: Currency = Currency::known("pgk");
    /// `php`
    pub const PHP: Currency = Currency::known("php");
    /// `pkr`
    pub const PKR: Currency = Currency::known("pkr");
    /// `pln`
    pub const PLN: Currency = Currency::known("pln");
    /// `pyg`
    pub const PYG: Currency = Currency::known("pyg");
    /// `qar`
    pub const QAR: Currency = Currency::known("qar");
    /// `ron`
    pub const RON: Currency = Currency::known("ron");
    /// `rsd`
    pub const RSD: Currency = Currency::known("rsd");
    /// `rub`
    pub const RUB: Currency = Currency::known("rub");
    /// `rwf`
    pub const RWF: Currency = Currency::known("rwf");
    /// `sar`
    pub const SAR: Currency = Currency::known("sar");
    /// `sbd`
    pub const SBD: Currency = Currency::known("sbd");
    /// `scr`
    pub const SCR: Currency = Currency::known("scr");
    /// `sdg`
    pub const SDG: Currency = Currency::known("sdg");
    /// `sek`
    pub const SEK: Currency = Currency::known("sek");
    /// `sgd`
    pub const SGD: Currency = Currency::known("sgd");
    /// `shp`
    pub const SHP: Currency = Currency::known("shp");
    /// `sle`
    pub const SLE: Currency = Currency::known("sle");
    /// `sll`
    pub const SLL: Currency = Currency::known("sll");
    /// `sos`
    pub const SOS: Currency = Currency::known("sos");
    /// `srd`
    pub const SRD: Currency = Currency::known("srd");
    /// `ssp`
    pub const SSP: Currency = Currency::known("ssp");
    /// `stn`
    pub const STN: Currency = Currency::known("stn");
    /// `svc`
    pub const SVC: Currency = Currency::known("svc");
    /// `syp`
    pub const SYP: Currency = Currency::known("syp");
    /// `szl`
    pub const SZL: Currency = Currency::known("szl");
    /// `thb`
    pub const THB: Currency = Currency::known("thb");
    /// `tjs`
    pub const TJS: Currency = Currency::known("tjs");
    /// `tmt`
    pub const TMT: Currency = Currency::known("tmt");
    /// `tnd`
    pub const TND: Currency = Currency::known("tnd");
    /// `top`
    pub const TOP: Currency = Currency::known("top");
    /// `try`
    pub const TRY: Currency = Currency::known("try");
    /// `ttd`
    pub const TTD: Currency = Currency::known("ttd");
    /// `twd`
    pub const TWD: Currency = Currency::known("twd");
    /// `tzs`
    pub const TZS: Currency = Currency::known("tzs");
    /// `uah`
    pub const UAH: Currency = Currency::known("uah");
    /// `ugx`
    pub const UGX: Currency = Currency::known("ugx");
    /// `usd`
    pub const USD: Currency = Currency::known("usd");
    /// `usn`
    pub const USN: Currency = Currency::known("usn");
    /// `uyi`
    pub const UYI: Currency = Currency::known("uyi");
    /// `uyu`
    pub const UYU: Currency = Currency::known("uyu");
    /// `uyw`
    pub const UYW: Currency = Currency::known("uyw");
    /// `uzs`
    pub const UZS: Currency = Currency::known("uzs");
    /// `ved`
    pub const VED: Currency = Currency::known("ved");
    /// `ves`
    pub const VES: Currency = Currency::known("ves");
    /// `vnd`
    pub const VND: Currency = Currency::known("vnd");
    /// `vuv`
    pub const VUV: Currency = Currency::known("vuv");
    /// `wst`
    pub const WST: Currency = Currency::known("wst");
    /// `xaf`
    pub const XAF: Currency = Currency::known("xaf");
    /// `xag`
    pub const XAG: Currency = Currency::known("xag");
    /// `xau`
    pub const XAU: Currency = Currency::known("xau");
    /// `xba`
    pub const XBA: Currency = Currency::known("xba");
    /// `xbb`
    pub const XBB: Currency = Currency::known("xbb");
    /// `xbc`
    pub const XBC: Currency = Currency::known("xbc");
    /// `xbd`
    pub const XBD: Currency = Currency::known("xbd");
    /// `xcd`
    pub const XCD: Currency = Currency::known("xcd");
    /// `xcg`
    pub const XCG: Currency = Currency::known("xcg");
    /// `xdr`
    pub const XDR: Currency = Currency::known("xdr");
    /// `xof`
    pub const XOF: Currency = Currency::known("xof");
    /// `xpd`
    pub const XPD: Currency = Currency::known("xpd");
    /// `xpf`
    pub const XPF: Currency = Currency::known("xpf");
    /// `xpt`
    pub const XPT: Currency = Currency::known("xpt");
    /// `xsu`
    pub const XSU: Currency = Currency::known("xsu");
    /// `xts`
    pub const XTS: Currency = Currency::known("xts");
    /// `xua`
    pub const XUA: Currency = Currency::known("xua");
    /// `xxx`
    pub const XXX: Currency = Currency::known("xxx");
    /// `yer`
    pub const YER: Currency = Currency::known("yer");
    /// `zar`
    pub const ZAR: Currency = Currency::known("zar");
    /// `zmw`
    pub const ZMW: Currency = Currency::known("zmw");
    /// `zwg`
    pub const ZWG: Currency = Currency::known("zwg");
    /// `zwl`
    pub const ZWL: Currency = Currency::known("zwl");
}

/// Every constant's code, sorted, for [`Currency::is_known`].
const ISO_4217: &[&str] = &[
    "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd", "bdt",
    "bgn", "bhd", "bif", "bmd", "bnd", "bob", "bov", "brl", "bsd", "btn", "bwp", "byn", "bzd",
    "cad", "cdf", "che", "chf", "chw", "clf", "clp", "cny", "cop", "cou", "crc", "cuc", "cup",
    "cve", "czk", "djf", "dkk", "dop", "dzd", "egp", "ern", "etb", "eur", "fjd", "fkp", "gbp",
    "gel", "ghs", "gip", "gmd", "gnf", "gtq", "gyd", "hkd", "hnl", "htg", "huf", "idr", "ils",
    "inr", "iqd", "irr", "isk", "jmd", "jod", "jpy", "kes", "kgs", "khr", "kmf", "kpw", "krw",
    "kwd", "kyd", "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "lyd", "mad", "mdl", "mga", "mkd",
    "mmk", "mnt", "mop", "mru", "mur", "mvr", "mwk", "mxn", "mxv", "myr", "mzn", "nad", "ngn",
    "nio", "nok", "npr", "nzd", "omr", "pab", "pen", "pgk", "php", "pkr", "pln", "pyg", "qar",
    "ron", "rsd", "rub", "rwf", "sar", "sbd", "scr", "sdg", "sek", "sgd", "shp", "sle", "sll",
    "sos", "srd", "ssp", "stn", "svc", "syp", "szl", "thb", "tjs", "tmt", "tnd", "top", "try",
    "ttd", "twd", "tzs", "uah", "ugx", "usd", "usn", "uyi", "uyu", "uyw", "uzs", "ved", "ves",
    "vnd", "vuv", "wst", "xaf", "xag", "xau", "xba", "xbb", "xbc", "xbd", "xcd", "xcg", "xdr",
    "xof", "xpd", "xpf", "xpt", "xsu", "xts", "xua", "xxx", "yer", "zar", "zmw", "zwg", "zwl",
];

/// Lowercased: Stripe takes currencies in lowercase.
impl From<&str> for Currency {
    fn from(code: &str) -> Self {
        Self {
            code: Cow::Owned(code.to_ascii_lowercase()),
        }
    }
}

/// Lowercased: Stripe takes currencies in lowercase.
impl From<String> for Currency {
    fn from(mut code: String) -> Self {
        code.make_ascii_lowercase();
        Self {
            code: Cow::Owned(code),
        }
    }
}

/// Never fails: a code this list does not have may be newer than it.
impl FromStr for Currency {
    type Err = Infallible;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Ok(Self::from(code))
    }
}

impl AsRef<str> for Currency {
    fn as_ref(&self) -> &str {
        &self.code
    }
}

impl PartialEq<str> for Currency {
    fn eq(&self, other: &str) -> bool {
        self.code == other
    }
}

impl PartialEq<&str> for Currency {
    fn eq(&self, other: &&str) -> bool {
        self.code == *other
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.code)
    }
}

impl FormValue for Currency {
    fn write_form(&self, form: &mut FormWriter) {
        form.value(&self.code);
    }
}

/// As it came: a known code borrows its constant's text.
impl ReadJson for Currency {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        let code = json.str()?;
        Some(match ISO_4217.binary_search(&code.as_ref()) {
            Ok(index) => Self::known(ISO_4217[index]),
            Err(_) => Self {
                code: Cow::Owned(code.into_owned()),
            },
        })
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code)
    }
}

/// As it came, like [`ReadJson`].
impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Ok(Self {
            code: Cow::Owned(code),
        })
    }
}
